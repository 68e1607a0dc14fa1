import { messageFailed, messageSubmitted, type MessageFailedV2Body, type MessageSubmittedV2Body } from '#sigillo/ledger';
import type { NewLedgerEntry } from '#sigillo/ledger';

/** What a send's ledger entries say of their notification, whichever path writes them. */
export interface SendSubject {
  id: string;
  tenantId: string;
  eventId: string;
  recipient: string | null;
  templateName: string | null;
  language: string | null;
  category: string | null;
}

/** The error a message.failed entry records (docs/ledger-entries.md). */
export type SendFailure = MessageFailedV2Body['error'];

type SubjectFields = 'tenantId' | 'notificationId' | 'eventId' | 'to' | 'template';

export function submittedEntry(n: SendSubject, fields: Omit<MessageSubmittedV2Body, SubjectFields>, occurredAt = new Date()): NewLedgerEntry {
  return messageSubmitted({ ...subjectFields(n), ...fields }, occurredAt);
}

export function failedEntry(n: SendSubject, fields: Omit<MessageFailedV2Body, SubjectFields>, occurredAt = new Date()): NewLedgerEntry {
  return messageFailed({ ...subjectFields(n), ...fields }, occurredAt);
}

// Only a notification decided SEND is ever sent: it has a recipient and a template until erased,
// and an erased one is never sent (its send is cancelled under the same lock).
function subjectFields(n: SendSubject): Pick<MessageSubmittedV2Body, SubjectFields> {
  if (n.recipient === null || n.templateName === null || n.language === null) {
    throw new TypeError(`notification ${n.id} has no recipient or template: it cannot have been sent`);
  }
  return {
    tenantId: n.tenantId,
    notificationId: n.id,
    eventId: n.eventId,
    to: n.recipient,
    template: { name: n.templateName, language: n.language, category: n.category as MessageSubmittedV2Body['template']['category'] },
  };
}
