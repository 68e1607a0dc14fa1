export const WEBHOOK_QUEUE = 'webhooks';

export interface WebhookJobData {
  payloadId: string;
}

export const webhookJobOptions = (payloadId: string) => ({
  jobId: `webhook-${payloadId}`,
  attempts: 10,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: 1000,
});
