import { Module } from '@nestjs/common';
import { NotificationRepository } from './notification.repository.js';
import { StatusRepository } from './status.repository.js';

@Module({
  providers: [NotificationRepository, StatusRepository],
  exports: [NotificationRepository, StatusRepository],
})
export class NotificationStoreModule {}
