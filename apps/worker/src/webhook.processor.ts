import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { WebhookProcessingService } from '../../../libs/webhooks/src/webhook-processing.service.js';
import { WEBHOOK_QUEUE, type WebhookJobData } from '../../../libs/webhooks/src/webhook-queue.js';

// Payloads of the jobs running at once are applied together (group commit): enough of them to batch.
@Processor(WEBHOOK_QUEUE, { concurrency: 32 })
export class WebhookProcessor extends WorkerHost {
  constructor(
    private readonly webhooks: WebhookProcessingService,
    private readonly log: PinoLogger,
  ) {
    super();
  }

  /** Logs made while applying a payload name it: the stored payload is what links them to Meta's delivery. */
  process(job: Job<WebhookJobData>): Promise<void> {
    return this.log.runInContext(() => this.webhooks.process(BigInt(job.data.payloadId)), { bindings: { webhookPayloadId: job.data.payloadId } });
  }
}
