import type { JsonObject } from '#sigillo/ledger';
import type { NewLedgerEntry } from '#sigillo/ledger';

export type Decision = 'SEND' | 'SKIP';

/**
 * What an erased event keeps instead of its request hash (a hash of a body holding personal data).
 * A repeat of its id gets the first answer, whatever its body: the event is known, not re-sent.
 */
export const ERASED_REQUEST_HASH = 'erased';

/**
 * Where a notification stands. SKIPPED, SUBMITTED and FAILED are final for the send pipeline;
 * ERASED too: a send still queued when its recipient was erased, never to be sent.
 */
export type NotificationStatus = 'SKIPPED' | 'QUEUED' | 'SENDING' | 'SUBMITTED' | 'FAILED' | 'ERASED';

/** The answer to POST /v1/events, the same for every repetition of an event id. */
export interface IntakeAnswer {
  eventId: string;
  notificationId: string;
  decision: Decision;
  reason?: string;
}

export interface NewIntake {
  tenantId: string;
  eventId: string;
  eventType: string;
  requestHash: string;
  /** X-Request-Id of the request that brought the event; kept on the outbox row for the worker's logs. */
  requestId: string | null;
  occurredAt: Date;
  payload: JsonObject;
  notification: {
    id: string;
    decision: Decision;
    reason: string | null;
    templateName: string | null;
    language: string | null;
    category: string | null;
    recipient: string;
    parameters: JsonObject | null;
  };
  ledgerEntries: NewLedgerEntry[];
}

export type IntakeResult = { created: true } | { created: false; requestHash: string; answer: IntakeAnswer };

/** A notification as the send job needs it. */
export interface PendingSend {
  id: string;
  tenantId: string;
  eventId: string;
  status: NotificationStatus;
  templateName: string;
  language: string;
  category: string;
  recipient: string;
  parameters: JsonObject;
  attempts: number;
  /** End of the recipient's customer-service window, read with the notification (pricing). */
  windowOpenUntil: Date | null;
  /** Earlier attempts given up on without learning whether the provider accepted them. */
  unresolvedAttempts: number[];
}

export interface SendAttemptRecord {
  attempt: number;
  startedAt: Date;
  outcome: string | null;
}
