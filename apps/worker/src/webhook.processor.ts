import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { WebhookProcessingService } from '../../../libs/webhooks/src/webhook-processing.service.js';
import { WEBHOOK_QUEUE, type WebhookJobData } from '../../../libs/webhooks/src/webhook-queue.js';

@Processor(WEBHOOK_QUEUE, { concurrency: 4 })
export class WebhookProcessor extends WorkerHost {
  constructor(private readonly webhooks: WebhookProcessingService) {
    super();
  }

  process(job: Job<WebhookJobData>): Promise<void> {
    return this.webhooks.process(BigInt(job.data.payloadId));
  }
}
