import type { JsonObject } from '../../ledger/src/entry.js';
import type { NewLedgerEntry } from '../../ledger/src/ledger-records.js';

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

export function sendEntry(n: SendSubject, type: 'message.submitted' | 'message.failed', extra: JsonObject, occurredAt = new Date()): NewLedgerEntry {
  return {
    tenantId: n.tenantId,
    subjectPhone: n.recipient,
    type,
    occurredAt,
    body: {
      tenantId: n.tenantId,
      notificationId: n.id,
      eventId: n.eventId,
      to: n.recipient,
      template: { name: n.templateName, language: n.language, category: n.category },
      ...extra,
    },
  };
}
