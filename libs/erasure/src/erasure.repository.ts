import { Injectable } from '@nestjs/common';
import { sql, statement, withTransaction, type Queryable } from '#sigillo/db';
import {
  ERASED_BODY,
  LedgerAppender,
  lockSubjectEntries,
  seqOfEntry,
  shredEntries,
  subjectErased,
  toHex,
  configErasureOrdered,
  type LedgerActor,
} from '#sigillo/ledger';
import { ERASED_REQUEST_HASH } from '#sigillo/notifications';
import { PgPool } from '#sigillo/platform';
import { erasedMessageId } from './erased-message-id.js';
import { redactWebhookBody } from './redact.js';

/** One data subject: a phone number within one tenant. */
export interface ErasureSubject {
  tenantId: string;
  /** The tenant's business number: webhook changes of other numbers are not this subject's. */
  phoneNumberId: string;
  /** E.164, or a business-scoped user id: erasure takes every identifier linked to it too. */
  phone: string;
  /** Who ordered it (a staff account or an API key): recorded by a config.erasure_ordered entry with the subject.erased one. */
  actor?: LedgerActor;
}

/** Rows changed outside the ledger, per table. */
export interface RedactedRows {
  events: number;
  notifications: number;
  /** Sends still queued, cancelled (status ERASED): they will never go. */
  cancelledSends: number;
  consents: number;
  messageStatuses: number;
  inboundMessages: number;
  customerWindows: number;
  webhookPayloads: number;
}

export type ErasureAttempt =
  | { kind: 'busy'; reason: string }
  | { kind: 'nothing' }
  | { kind: 'erased'; erasedEntries: number; firstSeq: bigint | null; lastSeq: bigint | null; rows: RedactedRows; subjectErasedId: bigint };

/** Unprocessed webhooks younger than this may be in a worker's hands right now: erasure waits for them. */
const WEBHOOK_IN_FLIGHT_SECONDS = 60;
const DEADLOCK_DETECTED = '40P01';

type Subject = { tenantId: string; phone: string };

const LOCK_NOTIFICATIONS = statement<Subject, { id: string; status: string; wamid: string | null }>(
  'sigillo-erasure-lock-notifications',
  (p) => sql`
SELECT id::text AS id, status, wamid FROM notifications WHERE tenant_id = ${p.tenantId}::uuid AND recipient = ${p.phone} FOR UPDATE`,
);

const WEBHOOKS_IN_FLIGHT = statement<{ digits: string; seconds: number }, { n: number }>(
  'sigillo-erasure-webhooks-in-flight',
  (p) => sql`
SELECT count(*)::int AS n FROM webhook_payloads
 WHERE processed_at IS NULL AND received_at > now() - make_interval(secs => ${p.seconds}::float8) AND position(convert_to(${p.digits}::text, 'UTF8') in body) > 0`,
);

const ORPHAN_STATUS_WAMIDS = statement<{ digits: string; tenantId: string }, { wamid: string }>(
  'sigillo-erasure-orphan-statuses',
  (p) => sql`
SELECT DISTINCT wamid FROM message_statuses WHERE payload->>'recipient_id' = ${p.digits}::text AND (tenant_id = ${p.tenantId}::uuid OR tenant_id IS NULL)`,
);

const DELETE_INBOUND = statement<Subject, { message_id: string }>(
  'sigillo-erasure-delete-inbound',
  (p) => sql`
DELETE FROM inbound_messages WHERE tenant_id = ${p.tenantId}::uuid AND phone = ${p.phone} RETURNING message_id`,
);

const CANCEL_SENDS = statement<{ ids: string[] }>(
  'sigillo-erasure-cancel-sends',
  (p) => sql`
UPDATE notifications SET status = 'ERASED' WHERE id = ANY(${p.ids}::uuid[]) AND status = 'QUEUED'`,
);

const DELETE_OUTBOX = statement<{ ids: string[] }>(
  'sigillo-erasure-delete-outbox',
  (p) => sql`DELETE FROM outbox WHERE notification_id = ANY(${p.ids}::uuid[])`,
);

// The event keeps a pointer to the subject.erased entry: its story proofs answer 410 naming it.
const REDACT_EVENTS = statement<{ ids: string[]; requestHash: string; erasedBy: string }>(
  'sigillo-erasure-redact-events',
  (p) => sql`
UPDATE events e SET payload = jsonb_build_object('erased', true, 'occurredAt', e.payload->'occurredAt', 'erasedBy', ${p.erasedBy}::text), request_hash = ${p.requestHash}
  FROM notifications n WHERE n.id = ANY(${p.ids}::uuid[]) AND e.tenant_id = n.tenant_id AND e.event_id = n.event_id`,
);

const REDACT_NOTIFICATIONS = statement<{ ids: string[]; erasedWamids: (string | null)[] }>(
  'sigillo-erasure-redact-notifications',
  (p) => sql`
UPDATE notifications n SET recipient = NULL, parameters = NULL, wamid = m.erased_wamid, updated_at = now(),
       last_error = CASE WHEN n.last_error IS NULL THEN NULL ELSE jsonb_strip_nulls(jsonb_build_object('erased', true, 'code', n.last_error->'code')) END
  FROM unnest(${p.ids}::uuid[], ${p.erasedWamids}::text[]) AS m(id, erased_wamid)
 WHERE n.id = m.id`,
);

const FORGET_ATTEMPT_WAMIDS = statement<{ ids: string[] }>(
  'sigillo-erasure-forget-attempt-wamids',
  (p) => sql`
UPDATE send_attempts SET wamid = NULL WHERE notification_id = ANY(${p.ids}::uuid[]) AND wamid IS NOT NULL`,
);

const REDACT_CONSENTS = statement<Subject & { evidence: string }>(
  'sigillo-erasure-redact-consents',
  (p) => sql`
UPDATE consents SET phone = NULL, user_id = NULL, client_id = NULL, request_hash = NULL, evidence = ${p.evidence}::jsonb
 WHERE tenant_id = ${p.tenantId}::uuid AND phone = ${p.phone}`,
);

const DELETE_STATUSES = statement<{ wamids: string[]; digits: string; tenantId: string }>(
  'sigillo-erasure-delete-statuses',
  (p) => sql`
DELETE FROM message_statuses WHERE wamid = ANY(${p.wamids}::text[]) OR (payload->>'recipient_id' = ${p.digits}::text AND (tenant_id = ${p.tenantId}::uuid OR tenant_id IS NULL))`,
);

const DELETE_WINDOWS = statement<Subject>(
  'sigillo-erasure-delete-windows',
  (p) => sql`
DELETE FROM customer_windows WHERE tenant_id = ${p.tenantId}::uuid AND phone = ${p.phone}`,
);

// Which wa_ids and BSUID were this number's is personal too: the person's links go (contact_identifiers).
const DELETE_IDENTIFIERS = statement<Subject>(
  'sigillo-erasure-delete-identifiers',
  (p) => sql`
DELETE FROM contact_identifiers c USING contact_identifiers s
 WHERE s.tenant_id = ${p.tenantId}::uuid AND s.identifier = ${p.phone} AND c.tenant_id = s.tenant_id AND c.person_id = s.person_id`,
);

// Every identifier of the person the named one belongs to: the numbers and business-scoped user ids
// linked to it (contact_identifiers), locked while they are erased.
const LINKED_IDENTIFIERS = statement<Subject, { identifier: string }>(
  'sigillo-erasure-linked-identifiers',
  (p) => sql`
SELECT o.identifier FROM contact_identifiers s JOIN contact_identifiers o ON o.tenant_id = s.tenant_id AND o.person_id = s.person_id
 WHERE s.tenant_id = ${p.tenantId}::uuid AND s.identifier = ${p.phone} ORDER BY o.identifier FOR UPDATE OF o`,
);

// Statuses of sends by business-scoped user id name the user by recipient_user_id only.
const ORPHAN_USER_STATUS_WAMIDS = statement<{ userId: string; tenantId: string }, { wamid: string }>(
  'sigillo-erasure-orphan-user-statuses',
  (p) => sql`
SELECT DISTINCT wamid FROM message_statuses WHERE payload->>'recipient_user_id' = ${p.userId}::text AND (tenant_id = ${p.tenantId}::uuid OR tenant_id IS NULL)`,
);

const LOCK_WEBHOOKS = statement<{ needles: string[] }, { id: string; body: Buffer }>(
  'sigillo-erasure-lock-webhooks',
  (p) => sql`
SELECT w.id::text AS id, w.body FROM webhook_payloads w
 WHERE EXISTS (SELECT 1 FROM unnest(${p.needles}::text[]) AS n(needle) WHERE position(convert_to(n.needle, 'UTF8') in w.body) > 0)
 ORDER BY w.id FOR UPDATE`,
);

const DELETE_WEBHOOK = statement<{ id: string }>('sigillo-erasure-delete-webhook', (p) => sql`DELETE FROM webhook_payloads WHERE id = ${p.id}::bigint`);

const REDACT_WEBHOOK = statement<{ id: string; body: Buffer }>(
  'sigillo-erasure-redact-webhook',
  (p) => sql`
UPDATE webhook_payloads SET body = ${p.body}, signature = '' WHERE id = ${p.id}::bigint`,
);

/** What the transaction found instead of an erasure: it is rolled back, and this is the answer. */
class NotErased extends Error {
  constructor(readonly attempt: ErasureAttempt) {
    super(attempt.kind);
  }
}

/**
 * Crypto-shredding of one subject, in one transaction: the salt and content of each of its
 * sequenced ledger entries (the leaf hash stays), its personal fields everywhere else, and a
 * `subject.erased` entry that records the erasure. Whatever could still write about the subject
 * while it runs (an entry not sequenced yet, a send in flight, a webhook being processed) makes it
 * answer `busy` and change nothing: the caller retries.
 */
@Injectable()
export class ErasureRepository {
  constructor(private readonly pool: PgPool) {}

  async erase(subject: ErasureSubject, receiptReference: Uint8Array): Promise<ErasureAttempt> {
    try {
      return await withTransaction(this.pool, async (tx) => {
        const result = await this.eraseIn(tx, subject, receiptReference);
        if (result.kind !== 'erased') throw new NotErased(result);
        return result;
      });
    } catch (err) {
      if (err instanceof NotErased) return err.attempt;
      // A status being attached to one of the subject's messages at this very moment can lock the
      // same rows in the other order: PostgreSQL aborts one of us, and we simply try again.
      if ((err as { code?: string }).code === DEADLOCK_DETECTED) return { kind: 'busy', reason: 'a concurrent write about the subject' };
      throw err;
    }
  }

  /** The seq the subject.erased entry got, once the sequencer has placed it. */
  seqOf(id: bigint): Promise<bigint | null> {
    return seqOfEntry(this.pool, id);
  }

  private async eraseIn(db: Queryable, subject: ErasureSubject, receiptReference: Uint8Array): Promise<ErasureAttempt> {
    const { tenantId, phone } = subject;
    // The person, not the string: the identifier named and every number or business-scoped user id linked to it.
    const identifiers = [phone, ...(await LINKED_IDENTIFIERS.rows(db, { tenantId, phone })).map((r) => r.identifier).filter((i) => i !== phone)];
    const phones = identifiers.filter((i) => i.startsWith('+'));
    const userIds = identifiers.filter((i) => !i.startsWith('+'));
    // How Meta's payloads name them: numbers without +, BSUIDs as they are.
    const needles = [...phones.map((p) => p.slice(1)), ...userIds];

    // 1. The subject's entries, locked. A pending one still needs its salt for its leaf.
    const entries: { id: bigint; seq: bigint | null }[] = [];
    for (const id of identifiers) entries.push(...(await lockSubjectEntries(db, tenantId, id)));
    const pending = entries.filter((r) => r.seq === null).length;
    if (pending > 0) return { kind: 'busy', reason: `${pending} of the subject's ledger entries are not sequenced yet` };

    // 2. Its notifications, locked: a send in flight would record the number again once it returns.
    const notifications: { id: string; status: string; wamid: string | null }[] = [];
    for (const id of identifiers) notifications.push(...(await LOCK_NOTIFICATIONS.rows(db, { tenantId, phone: id })));
    const sending = notifications.filter((r) => r.status === 'SENDING').length;
    if (sending > 0) return { kind: 'busy', reason: `${sending} send(s) to the subject are in flight` };

    // 3. Webhooks about the subject a worker may be applying right now.
    let inFlight = 0;
    for (const needle of needles) inFlight += (await WEBHOOKS_IN_FLIGHT.rows(db, { digits: needle, seconds: WEBHOOK_IN_FLIGHT_SECONDS }))[0].n;
    if (inFlight > 0) return { kind: 'busy', reason: `${inFlight} webhook(s) about the subject are not processed yet` };

    const notificationIds = notifications.map((r) => r.id);
    // Meta's message ids embed the number: the subject's go with it, wherever they are.
    const orphanStatuses: { wamid: string }[] = [];
    for (const p of phones) orphanStatuses.push(...(await ORPHAN_STATUS_WAMIDS.rows(db, { digits: p.slice(1), tenantId })));
    for (const userId of userIds) orphanStatuses.push(...(await ORPHAN_USER_STATUS_WAMIDS.rows(db, { userId, tenantId })));
    const inbound: { message_id: string }[] = [];
    for (const id of identifiers) inbound.push(...(await DELETE_INBOUND.rows(db, { tenantId, phone: id })));
    const messageIds = [
      ...new Set([
        ...notifications.map((r) => r.wamid).filter((w): w is string => w !== null),
        ...orphanStatuses.map((r) => r.wamid),
        ...inbound.map((r) => r.message_id),
      ]),
    ];

    // 4. The subject.erased entry's id first, so the erased entries can point at it.
    const subjectErasedId = await LedgerAppender.reserveId(db);

    // 5. Crypto-shredding: salt and content gone, the leaf hash (and so the tree) untouched.
    const seqs = entries.map((r) => r.seq!).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    await shredEntries(
      db,
      entries.map((r) => r.id),
      subjectErasedId,
    );

    // 6. Personal fields elsewhere.
    const cancelled = await CANCEL_SENDS.run(db, { ids: notificationIds });
    await DELETE_OUTBOX.run(db, { ids: notificationIds });
    const events = await REDACT_EVENTS.run(db, { ids: notificationIds, requestHash: ERASED_REQUEST_HASH, erasedBy: subjectErasedId.toString() });
    const redactedNotifications = await REDACT_NOTIFICATIONS.run(db, {
      ids: notificationIds,
      erasedWamids: notifications.map((r) => (r.wamid === null ? null : erasedMessageId(r.wamid))),
    });
    await FORGET_ATTEMPT_WAMIDS.run(db, { ids: notificationIds });
    let consents = 0;
    let windows = 0;
    for (const id of identifiers) {
      consents += await REDACT_CONSENTS.run(db, { tenantId, phone: id, evidence: JSON.stringify(ERASED_BODY) });
      windows += await DELETE_WINDOWS.run(db, { tenantId, phone: id });
    }
    // By message id, and by number for statuses Sigillo never matched to a send ('' matches none).
    let statuses = 0;
    for (const digits of phones.length > 0 ? phones.map((p) => p.slice(1)) : [''])
      statuses += await DELETE_STATUSES.run(db, { wamids: messageIds, digits, tenantId });
    await DELETE_IDENTIFIERS.run(db, { tenantId, phone });
    const webhookPayloads = await this.redactWebhooks(db, subject, { phones, userIds, needles }, messageIds);

    const rows: RedactedRows = {
      events,
      notifications: redactedNotifications,
      cancelledSends: cancelled,
      consents,
      messageStatuses: statuses,
      inboundMessages: inbound.length,
      customerWindows: windows,
      webhookPayloads,
    };
    if (entries.length === 0 && Object.values(rows).every((n) => n === 0)) return { kind: 'nothing' };

    // 7. The record of the erasure: a reference only its receipt can link to anyone, counts, the seq range.
    const firstSeq = seqs[0] ?? null;
    const lastSeq = seqs[seqs.length - 1] ?? null;
    const entry = subjectErased({
      tenantId,
      subject: toHex(receiptReference),
      erasedEntries: entries.length,
      ...(firstSeq !== null && lastSeq !== null ? { firstSeq: Number(firstSeq), lastSeq: Number(lastSeq) } : {}),
      redacted: { ...rows },
    });
    await LedgerAppender.appendReserved(db, [{ id: subjectErasedId, entry }]);
    // Who ordered it, under the same reference: the receipt links the two, nothing else does.
    if (subject.actor) await LedgerAppender.append(db, [configErasureOrdered({ tenantId, actor: subject.actor, subject: toHex(receiptReference) })]);
    return { kind: 'erased', erasedEntries: entries.length, firstSeq, lastSeq, rows, subjectErasedId };
  }

  /**
   * Raw webhook bodies naming the subject: the subject's parts are cut out (other users' stay), and
   * the signature goes too — with the app secret, an HMAC over a body missing only a phone number
   * would let anyone try every number until it matches. A body that is not JSON is deleted.
   */
  private async redactWebhooks(
    db: Queryable,
    subject: ErasureSubject,
    person: { phones: string[]; userIds: string[]; needles: string[] },
    messageIds: string[],
  ): Promise<number> {
    const rows = await LOCK_WEBHOOKS.rows(db, { needles: [...person.needles, ...messageIds] });
    const identifiers = { phone: person.phones[0] ?? null, otherPhones: person.phones.slice(1), userIds: person.userIds, messageIds };
    let changed = 0;
    for (const row of rows) {
      const redacted = redactWebhookBody(row.body, identifiers, subject.phoneNumberId);
      if (redacted === null) continue;
      if (redacted === 'unparseable') await DELETE_WEBHOOK.run(db, { id: row.id });
      else await REDACT_WEBHOOK.run(db, { id: row.id, body: redacted.body });
      changed++;
    }
    return changed;
  }
}
