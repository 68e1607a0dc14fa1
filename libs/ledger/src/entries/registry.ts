import { CONFIG_API_KEY_CREATED, CONFIG_API_KEY_REVOKED } from './config-api-key.js';
import { CONFIG_BINDING_SET } from './config-binding-set.js';
import { CONFIG_ERASURE_ORDERED } from './config-erasure-ordered.js';
import { CONFIG_STAFF_ACCOUNT_CREATED, CONFIG_STAFF_ACCOUNT_DISABLED } from './config-staff-account.js';
import { CONFIG_TENANT_SETTING_CHANGED } from './config-tenant-setting.js';
import { CONSENT_CHANGED } from './consent-changed.js';
import { CONSENT_CHANGED_V2 } from './consent-changed-v2.js';
import { CONTACT_NUMBER_CHANGED } from './contact-number-changed.js';
import type { EntryDefinition } from './definition.js';
import { entryTypeName } from './definition.js';
import { EVENT_RECEIVED } from './event-received.js';
import { EVENT_RECEIVED_V2 } from './event-received-v2.js';
import { MESSAGE_FAILED } from './message-failed.js';
import { MESSAGE_FAILED_V2 } from './message-failed-v2.js';
import { MESSAGE_STATUS } from './message-status.js';
import { MESSAGE_SUBMITTED } from './message-submitted.js';
import { MESSAGE_SUBMITTED_V2 } from './message-submitted-v2.js';
import { NOTIFICATION_DECIDED } from './notification-decided.js';
import { NOTIFICATION_DECIDED_V2 } from './notification-decided-v2.js';
import { SUBJECT_ERASED } from './subject-erased.js';
import { TEMPLATE_CATEGORY_CHANGED } from './template-category-changed.js';
import { TEMPLATE_QUALITY_CHANGED } from './template-quality-changed.js';
import { TEMPLATE_STATUS_CHANGED } from './template-status-changed.js';
import { TEMPLATE_STATUS_CHANGED_V2 } from './template-status-changed-v2.js';

/** Every entry type and version the log may hold, in the order a notification's story meets them. */
export const ENTRY_DEFINITIONS: readonly EntryDefinition[] = [
  EVENT_RECEIVED,
  EVENT_RECEIVED_V2,
  NOTIFICATION_DECIDED,
  NOTIFICATION_DECIDED_V2,
  MESSAGE_SUBMITTED,
  MESSAGE_SUBMITTED_V2,
  MESSAGE_FAILED,
  MESSAGE_FAILED_V2,
  MESSAGE_STATUS,
  CONSENT_CHANGED,
  CONSENT_CHANGED_V2,
  CONTACT_NUMBER_CHANGED,
  TEMPLATE_STATUS_CHANGED,
  TEMPLATE_STATUS_CHANGED_V2,
  TEMPLATE_QUALITY_CHANGED,
  TEMPLATE_CATEGORY_CHANGED,
  SUBJECT_ERASED,
  CONFIG_BINDING_SET,
  CONFIG_API_KEY_CREATED,
  CONFIG_API_KEY_REVOKED,
  CONFIG_STAFF_ACCOUNT_CREATED,
  CONFIG_STAFF_ACCOUNT_DISABLED,
  CONFIG_TENANT_SETTING_CHANGED,
  CONFIG_ERASURE_ORDERED,
];

const byType = new Map(ENTRY_DEFINITIONS.map((d) => [entryTypeName(d.name, d.version), d]));

/** The definition an entry's `type` names; undefined for a type this log never writes. */
export function definitionOf(type: string): EntryDefinition | undefined {
  return byType.get(type);
}

/** A stable identifier for generated code and file names: `message_submitted_v1`. */
export function definitionKey(def: Pick<EntryDefinition, 'name' | 'version'>): string {
  return `${def.name.replace(/\./g, '_')}_v${def.version}`;
}
