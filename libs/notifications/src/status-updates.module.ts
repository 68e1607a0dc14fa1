import { Module } from '@nestjs/common';
import { ConversationsModule, InboundModule } from '#sigillo/conversations';
import { NotificationStoreModule } from './notification-store.module.js';
import { StatusUpdatesService } from './status-updates.service.js';

/** The worker's side of delivery statuses (it opts users out through the worker's inbound service). */
@Module({
  imports: [NotificationStoreModule, ConversationsModule, InboundModule],
  providers: [StatusUpdatesService],
  exports: [StatusUpdatesService],
})
export class StatusUpdatesModule {}
