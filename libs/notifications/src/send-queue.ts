import type { JobsOptions } from 'bullmq';
import type { WorkerConfig } from '#sigillo/platform';

export const SEND_QUEUE = 'send';

export interface SendJobData {
  notificationId: string;
  /** X-Request-Id of the POST /v1/events that owed the send, for the worker's logs. */
  requestId?: string;
  /** Set while the provider keeps refusing it: when the first refusal came (epoch ms), for the retry deadline. */
  retryingSince?: number;
}

export function sendJobOptions(notificationId: string, config: WorkerConfig): JobsOptions {
  return {
    jobId: notificationId,
    attempts: config.SEND_MAX_ATTEMPTS,
    backoff: { type: 'jittered', delay: config.SEND_BACKOFF_BASE_MS },
    removeOnComplete: true,
    removeOnFail: 1000,
  };
}

/** Exponential backoff with full jitter (BullMQ custom strategy `jittered`). */
export function jitteredBackoff(attemptsMade: number, baseMs: number, retryAfterMs: number | null = null): number {
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const jittered = exponential / 2 + Math.random() * (exponential / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}
