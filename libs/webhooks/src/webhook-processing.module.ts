import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { InboundModule } from '#sigillo/conversations';
import { NotificationStoreModule, StatusUpdatesModule } from '#sigillo/notifications';
import { TemplatesModule } from '#sigillo/templates';
import { TenantsModule } from '#sigillo/tenants';
import { WebhookProcessingService } from './webhook-processing.service.js';
import { WEBHOOK_QUEUE } from './webhook-queue.js';
import { WebhookRepository } from './webhook.repository.js';

@Module({
  imports: [BullModule.registerQueue({ name: WEBHOOK_QUEUE }), NotificationStoreModule, StatusUpdatesModule, InboundModule, TenantsModule, TemplatesModule],
  providers: [WebhookRepository, WebhookProcessingService],
  exports: [WebhookProcessingService],
})
export class WebhookProcessingModule {}
