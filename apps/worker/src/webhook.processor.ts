import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { WebhookProcessingService, WEBHOOK_QUEUE, type WebhookJobData } from '#sigillo/webhooks';

// Each job carries a batch of payloads; those of the jobs running at once are applied together.
@Processor(WEBHOOK_QUEUE, { concurrency: 4 })
export class WebhookProcessor extends WorkerHost {
  constructor(
    private readonly webhooks: WebhookProcessingService,
    private readonly log: PinoLogger,
  ) {
    super();
  }

  /** Logs made while applying payloads name them: the stored payloads are what link them to Meta's deliveries. */
  process(job: Job<WebhookJobData | { payloadId: string }>): Promise<void> {
    // `payloadId`: a job of one payload, as queued before jobs carried batches.
    const ids = 'payloadIds' in job.data ? job.data.payloadIds : [job.data.payloadId];
    return this.log.runInContext(() => this.webhooks.process(ids.map(BigInt)), { bindings: { webhookPayloadIds: ids.join(',') } });
  }
}
