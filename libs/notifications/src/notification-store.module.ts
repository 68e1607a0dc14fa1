import { Module } from '@nestjs/common';
import { LateAttemptRepository } from './late-attempt.repository.js';
import { NotificationRepository } from './notification.repository.js';
import { StatusRepository } from './status.repository.js';

@Module({
  providers: [NotificationRepository, StatusRepository, LateAttemptRepository],
  exports: [NotificationRepository, StatusRepository, LateAttemptRepository],
})
export class NotificationStoreModule {}
