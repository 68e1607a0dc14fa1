import { Module } from '@nestjs/common';
import { LedgerModule } from '../../ledger/src/ledger.module.js';
import { NotificationRepository } from './notification.repository.js';

@Module({
  imports: [LedgerModule],
  providers: [NotificationRepository],
  exports: [NotificationRepository],
})
export class NotificationStoreModule {}
