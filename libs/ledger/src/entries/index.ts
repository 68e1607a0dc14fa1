// The ledger's entry types: definitions, typed builders (the only way producers make entries), and
// the schema check every verifier runs.
export { checkEntry, checkEntryBody, describeProblems, entryFacts, type EntryProblem } from './check.js';
export { entryTypeName, parseEntryTypeName, type EntryDefinition } from './definition.js';
export { entrySchema, entrySchemaId } from './entry-schema.js';
export { definitionOf, ENTRY_DEFINITIONS } from './registry.js';
export { CONSENT_CHANGED, type ConsentChangedBody } from './consent-changed.js';
export { consentChanged, CONSENT_CHANGED_V2, type ConsentChangedV2Body } from './consent-changed-v2.js';
export { contactNumberChanged, CONTACT_NUMBER_CHANGED, type ContactNumberChangedBody } from './contact-number-changed.js';
export { EVENT_RECEIVED, type EventReceivedBody } from './event-received.js';
export { eventReceived, EVENT_RECEIVED_V2, type EventReceivedV2Body } from './event-received-v2.js';
export { MESSAGE_FAILED, type MessageFailedBody } from './message-failed.js';
export { messageFailed, MESSAGE_FAILED_V2, type MessageFailedV2Body } from './message-failed-v2.js';
export { messageStatus, MESSAGE_STATUS, type MessageStatusBody } from './message-status.js';
export { MESSAGE_SUBMITTED, type MessageSubmittedBody } from './message-submitted.js';
export { messageSubmitted, MESSAGE_SUBMITTED_V2, type MessageSubmittedV2Body } from './message-submitted-v2.js';
export { notificationDecided, NOTIFICATION_DECIDED, type NotificationDecidedBody } from './notification-decided.js';
export { subjectErased, SUBJECT_ERASED, type SubjectErasedBody } from './subject-erased.js';
export { templateStatusChanged, TEMPLATE_STATUS_CHANGED, type TemplateStatusChangedBody } from './template-status-changed.js';
export { notificationDecidedV2, NOTIFICATION_DECIDED_V2, type NotificationDecidedV2Body } from './notification-decided-v2.js';
export { templateStatusChangedV2, TEMPLATE_STATUS_CHANGED_V2, type TemplateStatusChangedV2Body } from './template-status-changed-v2.js';
export { templateQualityChanged, TEMPLATE_QUALITY_CHANGED, TEMPLATE_QUALITY_SCORES, type TemplateQualityChangedBody } from './template-quality-changed.js';
export { templateCategoryChanged, TEMPLATE_CATEGORY_CHANGED, type TemplateCategoryChangedBody } from './template-category-changed.js';
export { ACTOR_KINDS, type LedgerActor } from './config-parts.js';
export {
  configApiKeyCreated,
  configApiKeyRevoked,
  CONFIG_API_KEY_CREATED,
  CONFIG_API_KEY_REVOKED,
  type ConfigApiKeyCreatedBody,
  type ConfigApiKeyRevokedBody,
} from './config-api-key.js';
export { configBindingSet, CONFIG_BINDING_SET, type ConfigBindingSetBody } from './config-binding-set.js';
export { configErasureOrdered, CONFIG_ERASURE_ORDERED, type ConfigErasureOrderedBody } from './config-erasure-ordered.js';
export {
  configStaffAccountCreated,
  configStaffAccountDisabled,
  CONFIG_STAFF_ACCOUNT_CREATED,
  CONFIG_STAFF_ACCOUNT_DISABLED,
  type ConfigStaffAccountCreatedBody,
  type ConfigStaffAccountDisabledBody,
} from './config-staff-account.js';
export { configTenantSettingChanged, CONFIG_TENANT_SETTING_CHANGED, type ConfigTenantSettingChangedBody } from './config-tenant-setting.js';
