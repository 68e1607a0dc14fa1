// The public surface of libs/ledger: other libraries and apps import only this file, as '#sigillo/ledger'.
//
// Writing to the log: build each entry with its definition's builder (./entries: consentChanged,
// configBindingSet, …; a new type or meaning is a new definition), then append it through
// LedgerAppender (./ledger-append.ts), the only code that inserts into ledger_entries:
//   await LedgerAppender.append(tx, [entry])   // pool, or withTransaction's tx for atomic writes
// or, inside a grouped statement, LedgerAppender.columns(entries) + LedgerAppender.sql(p).
// <public surface: other libraries and apps import these; keep sorted by file>
export type { AnchoredCheckpoint, AnchorReader, BundleCheck } from './bundle-verify.js';
export type { EntryDefinition } from './entries/definition.js';
export type {
  ContactNumberChangedBody,
  EventReceivedV2Body,
  MessageFailedV2Body,
  MessageStatusBody,
  MessageSubmittedV2Body,
  NotificationDecidedBody,
} from './entries/index.js';
export type { JsonObject, LedgerEntryType } from './entry.js';
export type { LedgerActor } from './entries/config-parts.js';
export type { NewLedgerEntry, StoredCheckpoint, StoredLedgerEntry } from './ledger-records.js';
export type { ProofBundle } from './bundle.js';
export type { StoryBundle } from './story-bundle.js';
export { AuditStore } from './audit/audit-store.js';
export { BUNDLE_FORMAT, parseBundle } from './bundle.js';
export { CONSENT_CHANGED } from './entries/consent-changed.js';
export { CONSENT_CHANGED_V2 } from './entries/consent-changed-v2.js';
export { CONTACT_NUMBER_CHANGED } from './entries/contact-number-changed.js';
export { EVENT_RECEIVED } from './entries/event-received.js';
export { EVENT_RECEIVED_V2 } from './entries/event-received-v2.js';
export { FETCH_PENDING_SQL, SEQUENCER_LOCK_KEY, SEQUENCER_SESSION_SETTINGS } from './sequencer-store.js';
export { LedgerModule } from './ledger.module.js';
export { LedgerAppender, type EntryColumns, type EntryRefs, type EntryScope } from './ledger-append.js';
export { LedgerRepository } from './ledger.repository.js';
export { MESSAGE_STATUS } from './entries/message-status.js';
export { MESSAGE_SUBMITTED } from './entries/message-submitted.js';
export { MESSAGE_FAILED_V2 } from './entries/message-failed-v2.js';
export { MESSAGE_SUBMITTED_V2 } from './entries/message-submitted-v2.js';
export { NOTIFICATION_DECIDED, SKIP_REASONS, TEMPLATE_STATUSES } from './entries/notification-decided.js';
export { SequencerModule } from './sequencer.module.js';
export { SequencerService } from './sequencer.service.js';
export { TEMPLATE_CATEGORY } from './entries/schema-parts.js';
export { TreeReader } from './tree-reader.js';
export { auditLog } from './audit/audit.js';
export { bundleVerified, verifyBundle, verifyBundleOffline } from './bundle-verify.js';
export { canonicalEntry, commitmentLeafHash, ERASED_BODY } from './entry.js';
export { checkEntry, describeProblems } from './entries/check.js';
export { configHistoryPage, type HistoryEntry } from './config-history.js';
export {
  checkEntryBody,
  consentChanged,
  contactNumberChanged,
  entryFacts,
  eventReceived,
  messageFailed,
  messageStatus,
  messageSubmitted,
  notificationDecided,
  notificationDecidedV2,
  subjectErased,
  templateCategoryChanged,
  templateQualityChanged,
  templateStatusChangedV2,
} from './entries/index.js';
export {
  configApiKeyCreated,
  configApiKeyRevoked,
  configBindingSet,
  configErasureOrdered,
  configStaffAccountCreated,
  configStaffAccountDisabled,
  configTenantSettingChanged,
} from './entries/index.js';
export { consistencyPlan, foldRange, rangeNodes } from './merkle-plan.js';
export { consistencyProof, inclusionProof, rootHash, verifyConsistency, verifyInclusion } from './merkle.js';
export { definitionKey, ENTRY_DEFINITIONS } from './entries/registry.js';
export { entrySchema, entrySchemaId, ENVELOPE_ID, envelopeSchema, JSON_SCHEMA_DIALECT } from './entries/entry-schema.js';
export { entryTypeName, parseEntryTypeName } from './entries/definition.js';
export { equalBytes, toHex } from './bytes.js';
export { erasureReceipt, subjectRef } from './subject.js';
export { lockSubjectEntries, seqOfEntry, shredEntries } from './subject-entries.js';
export { generateSignerKey, parseCheckpointNote, parseSignerKey, parseVerifierKey, signCheckpoint, verifierKeyFor } from './checkpoint.js';
export { nodeHash, sha256 } from './hash.js';
export { parseStoryBundle, STORY_BUNDLE_FORMAT, storyFromBundles } from './story-bundle.js';
export { storyLine } from './story-line.js';
