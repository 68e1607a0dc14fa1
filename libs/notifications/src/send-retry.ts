import type { ProviderErrorKind } from '#sigillo/whatsapp';

/**
 * Whether a send the provider refused is tried again, and when. Throttling and transient
 * refusals (and a token that may be refreshed) are retried with exponential backoff and full
 * jitter, never sooner than the provider's hint, until `deadlineMs` has passed since the first
 * refusal; the last retry is placed on the deadline itself, and a refusal after it is final.
 * A permanent refusal is final at once. The attempt count does not bound these retries: a
 * spam-rate limit can outlast any fixed number of tries, the deadline is what the merchant
 * agreed to wait.
 */
export interface RetryInput {
  kind: ProviderErrorKind;
  /** The provider's hint (Retry-After, or the delay Meta implies for the code). */
  retryAfterMs: number | null;
  /** The attempt just refused, from 1. */
  attempt: number;
  /** When the first refusal of this send's current run of retries happened (epoch ms); null for this one. */
  retryingSince: number | null;
  now: number;
  deadlineMs: number;
  baseMs: number;
  /** Upper bound of one backoff delay (a hint may exceed it, the deadline never). */
  maxDelayMs: number;
  /** A number in [0, 1) for the jitter. */
  random: number;
}

export type RetryDecision = { retry: true; delayMs: number; retryingSince: number } | { retry: false; reason: 'permanent' | 'deadline' };

export function decideRetry(input: RetryInput): RetryDecision {
  if (input.kind === 'permanent') return { retry: false, reason: 'permanent' };
  const since = input.retryingSince ?? input.now;
  const left = since + input.deadlineMs - input.now;
  if (left <= 0) return { retry: false, reason: 'deadline' };
  const exponential = Math.min(input.maxDelayMs, input.baseMs * 2 ** Math.min(30, Math.max(0, input.attempt - 1)));
  const jittered = exponential / 2 + input.random * (exponential / 2);
  const delayMs = Math.round(Math.min(left, Math.max(jittered, input.retryAfterMs ?? 0)));
  return { retry: true, delayMs, retryingSince: since };
}
