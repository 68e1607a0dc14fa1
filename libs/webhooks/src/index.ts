// The public surface of libs/webhooks: other libraries and apps import only this file, as '#sigillo/webhooks'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { WebhookJobData } from './webhook-queue.js';
export { REJECTION_REASONS } from './webhook-routing.js';
export { WEBHOOK_QUEUE } from './webhook-queue.js';
export { WebhookIntakeModule } from './webhook-intake.module.js';
export { WebhookIntakeService } from './webhook-intake.service.js';
export { WebhookProcessingModule } from './webhook-processing.module.js';
export { WebhookProcessingService } from './webhook-processing.service.js';
export { hubSignature, verifyHubSignature } from './webhook-signature.js';
