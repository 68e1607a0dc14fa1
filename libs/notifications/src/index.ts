// The public surface of libs/notifications: other libraries and apps import only this file, as '#sigillo/notifications'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { IntakeAnswer, NewIntake } from './notification-records.js';
export type { IntakeColumns } from './notification.repository.js';
export type { NewStatus, StatusColumns } from './status.repository.js';
export type { SendJobData } from './send-queue.js';
export type { SendSlot } from './send-rate-limiter.js';
export { ERASED_REQUEST_HASH } from './notification-records.js';
export { IntakeModule } from './intake.module.js';
export { IntakeService } from './intake.service.js';
export { LateAttemptRepository } from './late-attempt.repository.js';
export { NotificationRepository, RECORD_INTAKES } from './notification.repository.js';
export { NotificationStoreModule } from './notification-store.module.js';
export { OutboxRelayService } from './outbox-relay.service.js';
export { SendModule } from './send.module.js';
export { SendRateLimiter } from './send-rate-limiter.js';
export { SendRepository } from './send.repository.js';
export { SendService } from './send.service.js';
export { RECORD_STATUSES, StatusRepository } from './status.repository.js';
export { callbackDataFor, parseCallbackData } from './callback-data.js';
export { jitteredBackoff, SEND_QUEUE } from './send-queue.js';
export { StatusUpdatesModule } from './status-updates.module.js';
export { StatusUpdatesService, type TenantStatus } from './status-updates.service.js';
