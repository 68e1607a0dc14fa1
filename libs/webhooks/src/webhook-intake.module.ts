import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { TenantsModule } from '#sigillo/tenants';
import { WebhookIntakeService } from './webhook-intake.service.js';
import { WEBHOOK_QUEUE } from './webhook-queue.js';
import { WebhookRepository } from './webhook.repository.js';

@Module({
  imports: [BullModule.registerQueue({ name: WEBHOOK_QUEUE }), TenantsModule],
  providers: [WebhookRepository, WebhookIntakeService],
  exports: [WebhookIntakeService],
})
export class WebhookIntakeModule {}
