import { decideRetry, type RetryInput } from './send-retry.js';

const T0 = 1_000_000;
const base: RetryInput = {
  kind: 'transient',
  retryAfterMs: null,
  attempt: 1,
  retryingSince: null,
  now: T0,
  deadlineMs: 60_000,
  baseMs: 1_000,
  maxDelayMs: 300_000,
  random: 0.5,
};
const decide = (over: Partial<RetryInput>) => decideRetry({ ...base, ...over });

describe('decideRetry', () => {
  it('a permanent refusal is final at once, whatever the time left', () => {
    expect(decide({ kind: 'permanent' })).toEqual({ retry: false, reason: 'permanent' });
    expect(decide({ kind: 'permanent', retryingSince: T0 - 1 })).toEqual({ retry: false, reason: 'permanent' });
  });

  it.each(['transient', 'auth'] as const)('a first %s refusal starts the clock and is retried', (kind) => {
    expect(decide({ kind })).toEqual({ retry: true, delayMs: 750, retryingSince: T0 });
  });

  it('backs off exponentially with full jitter within [half, whole] of base·2^(attempt-1)', () => {
    expect(decide({ attempt: 1, random: 0 })).toMatchObject({ delayMs: 500 });
    expect(decide({ attempt: 1, random: 0.999999 })).toMatchObject({ delayMs: 1_000 });
    expect(decide({ attempt: 3, random: 0, deadlineMs: 3_600_000 })).toMatchObject({ delayMs: 2_000 });
    expect(decide({ attempt: 3, random: 0.999999, deadlineMs: 3_600_000 })).toMatchObject({ delayMs: 4_000 });
  });

  it('caps one backoff delay at maxDelayMs, even for a huge attempt number', () => {
    expect(decide({ attempt: 80, random: 0.999999, deadlineMs: 86_400_000 })).toMatchObject({ delayMs: 300_000 });
  });

  it('waits at least the provider hint, even beyond maxDelayMs', () => {
    expect(decide({ retryAfterMs: 6_000 })).toMatchObject({ delayMs: 6_000 });
    expect(decide({ retryAfterMs: 400_000, deadlineMs: 3_600_000 })).toMatchObject({ delayMs: 400_000 });
  });

  it('keeps the time of the first refusal across retries', () => {
    expect(decide({ retryingSince: T0 - 10_000, attempt: 2 })).toMatchObject({ retry: true, retryingSince: T0 - 10_000 });
  });

  it('puts the last retry on the deadline rather than past it', () => {
    expect(decide({ retryingSince: T0 - 59_000, retryAfterMs: 60_000 })).toEqual({ retry: true, delayMs: 1_000, retryingSince: T0 - 59_000 });
    expect(decide({ retryingSince: T0 - 59_999, attempt: 6 })).toMatchObject({ delayMs: 1 });
  });

  it('is final once the deadline has passed, with the reason', () => {
    expect(decide({ retryingSince: T0 - 60_000 })).toEqual({ retry: false, reason: 'deadline' });
    expect(decide({ retryingSince: T0 - 3_600_000 })).toEqual({ retry: false, reason: 'deadline' });
  });

  it('a zero-length deadline makes the first transient refusal final', () => {
    expect(decide({ deadlineMs: 0 })).toEqual({ retry: false, reason: 'deadline' });
  });
});
