import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConsentModule } from '#sigillo/consent';
import { ConversationsModule } from '#sigillo/conversations';
import { LedgerModule } from '#sigillo/ledger';
import { NotificationStoreModule } from '#sigillo/notifications';
import { TemplatesModule } from '#sigillo/templates';
import { TenantsModule } from '#sigillo/tenants';
import { WebhookProcessingService } from './webhook-processing.service.js';
import { WEBHOOK_QUEUE } from './webhook-queue.js';
import { WebhookRepository } from './webhook.repository.js';

@Module({
  imports: [
    BullModule.registerQueue({ name: WEBHOOK_QUEUE }),
    NotificationStoreModule,
    TenantsModule,
    TemplatesModule,
    LedgerModule,
    ConsentModule,
    ConversationsModule,
  ],
  providers: [WebhookRepository, WebhookProcessingService],
  exports: [WebhookProcessingService],
})
export class WebhookProcessingModule {}
