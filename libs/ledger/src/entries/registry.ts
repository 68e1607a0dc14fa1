import { CONSENT_CHANGED } from './consent-changed.js';
import type { EntryDefinition } from './definition.js';
import { entryTypeName } from './definition.js';
import { EVENT_RECEIVED } from './event-received.js';
import { MESSAGE_FAILED } from './message-failed.js';
import { MESSAGE_STATUS } from './message-status.js';
import { MESSAGE_SUBMITTED } from './message-submitted.js';
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
  NOTIFICATION_DECIDED,
  NOTIFICATION_DECIDED_V2,
  MESSAGE_SUBMITTED,
  MESSAGE_FAILED,
  MESSAGE_STATUS,
  CONSENT_CHANGED,
  TEMPLATE_STATUS_CHANGED,
  TEMPLATE_STATUS_CHANGED_V2,
  TEMPLATE_QUALITY_CHANGED,
  TEMPLATE_CATEGORY_CHANGED,
  SUBJECT_ERASED,
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
