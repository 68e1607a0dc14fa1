import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConsentModule } from '../../consent/src/consent.module.js';
import { ConversationsModule } from '../../conversations/src/conversations.module.js';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { NotificationStoreModule } from '../../notifications/src/notification-store.module.js';
import { TemplatesModule } from '../../templates/src/templates.module.js';
import { TenantsModule } from '../../tenants/src/tenants.module.js';
import { WebhookProcessingService } from './webhook-processing.service.js';
import { WEBHOOK_QUEUE } from './webhook-queue.js';
import { WebhookRepository } from './webhook.repository.js';

@Module({
  imports: [BullModule.registerQueue({ name: WEBHOOK_QUEUE }), NotificationStoreModule, TenantsModule, TemplatesModule, LedgerModule, ConsentModule, ConversationsModule],
  providers: [WebhookRepository, WebhookProcessingService],
  exports: [WebhookProcessingService],
})
export class WebhookProcessingModule {}
