// The ledger's entry types: definitions, typed builders (the only way producers make entries), and
// the schema check every verifier runs.
export { checkEntry, checkEntryBody, describeProblems, entryFacts, type EntryProblem } from './check.js';
export { entryTypeName, parseEntryTypeName, type EntryDefinition } from './definition.js';
export { entrySchema, entrySchemaId } from './entry-schema.js';
export { definitionOf, ENTRY_DEFINITIONS } from './registry.js';
export { consentChanged, CONSENT_CHANGED, type ConsentChangedBody } from './consent-changed.js';
export { eventReceived, EVENT_RECEIVED, type EventReceivedBody } from './event-received.js';
export { messageFailed, MESSAGE_FAILED, type MessageFailedBody } from './message-failed.js';
export { messageStatus, MESSAGE_STATUS, type MessageStatusBody } from './message-status.js';
export { messageSubmitted, MESSAGE_SUBMITTED, type MessageSubmittedBody } from './message-submitted.js';
export { notificationDecided, NOTIFICATION_DECIDED, type NotificationDecidedBody } from './notification-decided.js';
export { subjectErased, SUBJECT_ERASED, type SubjectErasedBody } from './subject-erased.js';
export { templateStatusChanged, TEMPLATE_STATUS_CHANGED, type TemplateStatusChangedBody } from './template-status-changed.js';
export { notificationDecidedV2, NOTIFICATION_DECIDED_V2, type NotificationDecidedV2Body } from './notification-decided-v2.js';
export { templateStatusChangedV2, TEMPLATE_STATUS_CHANGED_V2, type TemplateStatusChangedV2Body } from './template-status-changed-v2.js';
export { templateQualityChanged, TEMPLATE_QUALITY_CHANGED, TEMPLATE_QUALITY_SCORES, type TemplateQualityChangedBody } from './template-quality-changed.js';
export { templateCategoryChanged, TEMPLATE_CATEGORY_CHANGED, type TemplateCategoryChangedBody } from './template-category-changed.js';
