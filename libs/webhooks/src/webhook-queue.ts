export const WEBHOOK_QUEUE = 'webhooks';

/** Stored payloads to apply: the deliveries the api received together, or a batch of the relay. */
export interface WebhookJobData {
  payloadIds: string[];
}

// Named by its first payload and size: the api and the relay never build the same batch twice,
// and a payload applied twice changes nothing anyway (WebhookProcessingService).
export const webhookJobOptions = (payloadIds: string[]) => ({
  jobId: `webhooks-${payloadIds[0]}-${payloadIds.length}`,
  attempts: 10,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: 1000,
});

/** Jobs of at most `size` payloads each. */
export function webhookJobs(ids: bigint[], size: number): { name: string; data: WebhookJobData; opts: ReturnType<typeof webhookJobOptions> }[] {
  const jobs = [];
  for (let i = 0; i < ids.length; i += size) {
    const payloadIds = ids.slice(i, i + size).map(String);
    jobs.push({ name: 'webhooks', data: { payloadIds }, opts: webhookJobOptions(payloadIds) });
  }
  return jobs;
}
