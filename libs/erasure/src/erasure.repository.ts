import { Injectable } from '@nestjs/common';
import type pg from 'pg';
import { toHex } from '../../ledger/src/bytes.js';
import { subjectErased } from '../../ledger/src/entries/index.js';
import { ERASED_BODY } from '../../ledger/src/entry.js';
import { pendingEntryColumns } from '../../ledger/src/ledger.repository.js';
import { subjectRef } from '../../ledger/src/subject.js';
import { ERASED_REQUEST_HASH } from '../../notifications/src/notification-records.js';
import { PgPool } from '../../platform/src/pg-pool.service.js';
import { erasedMessageId } from './erased-message-id.js';
import { redactWebhookBody } from './redact.js';

/** One data subject: a phone number within one tenant. */
export interface ErasureSubject {
  tenantId: string;
  /** The tenant's business number: webhook changes of other numbers are not this subject's. */
  phoneNumberId: string;
  /** E.164. */
  phone: string;
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
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await this.eraseIn(client, subject, receiptReference);
      await client.query(result.kind === 'erased' ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      // A status being attached to one of the subject's messages at this very moment can lock the
      // same rows in the other order: PostgreSQL aborts one of us, and we simply try again.
      if ((err as { code?: string }).code === DEADLOCK_DETECTED) return { kind: 'busy', reason: 'a concurrent write about the subject' };
      throw err;
    } finally {
      client.release();
    }
  }

  /** The seq the subject.erased entry got, once the sequencer has placed it. */
  async seqOf(id: bigint): Promise<bigint | null> {
    const { rows } = await this.pool.query<{ seq: string | null }>('SELECT seq::text AS seq FROM ledger_entries WHERE id = $1', [id.toString()]);
    return rows[0]?.seq ? BigInt(rows[0].seq) : null;
  }

  private async eraseIn(db: pg.PoolClient, subject: ErasureSubject, receiptReference: Uint8Array): Promise<ErasureAttempt> {
    const { tenantId, phone } = subject;
    const digits = phone.slice(1);
    const ref = Buffer.from(subjectRef(tenantId, phone));

    // 1. The subject's entries, locked. A pending one still needs its salt for its leaf.
    const entries = await db.query<{ id: string; seq: string | null }>(
      'SELECT id::text AS id, seq::text AS seq FROM ledger_entries WHERE subject_ref = $1 ORDER BY id FOR UPDATE',
      [ref],
    );
    const pending = entries.rows.filter((r) => r.seq === null).length;
    if (pending > 0) return { kind: 'busy', reason: `${pending} of the subject's ledger entries are not sequenced yet` };

    // 2. Its notifications, locked: a send in flight would record the number again once it returns.
    const notifications = await db.query<{ id: string; status: string; wamid: string | null }>(
      'SELECT id::text AS id, status, wamid FROM notifications WHERE tenant_id = $1 AND recipient = $2 FOR UPDATE',
      [tenantId, phone],
    );
    const sending = notifications.rows.filter((r) => r.status === 'SENDING').length;
    if (sending > 0) return { kind: 'busy', reason: `${sending} send(s) to the subject are in flight` };

    // 3. Webhooks about the subject a worker may be applying right now.
    const inFlight = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM webhook_payloads
        WHERE processed_at IS NULL AND received_at > now() - make_interval(secs => $2) AND position(convert_to($1, 'UTF8') in body) > 0`,
      [digits, WEBHOOK_IN_FLIGHT_SECONDS],
    );
    if (inFlight.rows[0].n > 0) return { kind: 'busy', reason: `${inFlight.rows[0].n} webhook(s) about the subject are not processed yet` };

    const notificationIds = notifications.rows.map((r) => r.id);
    // Meta's message ids embed the number: the subject's go with it, wherever they are.
    const orphanStatuses = await db.query<{ wamid: string }>(
      `SELECT DISTINCT wamid FROM message_statuses WHERE payload->>'recipient_id' = $1 AND (tenant_id = $2 OR tenant_id IS NULL)`,
      [digits, tenantId],
    );
    const inbound = await db.query<{ message_id: string }>('DELETE FROM inbound_messages WHERE tenant_id = $1 AND phone = $2 RETURNING message_id', [tenantId, phone]);
    const messageIds = [
      ...new Set([...notifications.rows.map((r) => r.wamid).filter((w): w is string => w !== null), ...orphanStatuses.rows.map((r) => r.wamid), ...inbound.rows.map((r) => r.message_id)]),
    ];

    // 4. The subject.erased entry's id first, so the erased entries can point at it.
    const { rows: idRows } = await db.query<{ id: string }>(`SELECT nextval(pg_get_serial_sequence('ledger_entries', 'id'))::text AS id`);
    const subjectErasedId = BigInt(idRows[0].id);

    // 5. Crypto-shredding: salt and content gone, the leaf hash (and so the tree) untouched.
    const ids = entries.rows.map((r) => r.id);
    const seqs = entries.rows.map((r) => BigInt(r.seq!)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (ids.length > 0) {
      await db.query(
        `UPDATE ledger_entries SET salt = NULL, body = $2::jsonb, subject_ref = NULL, erased_at = now(), erased_by = $3 WHERE id = ANY($1::bigint[])`,
        [ids, JSON.stringify(ERASED_BODY), subjectErasedId.toString()],
      );
    }

    // 6. Personal fields elsewhere.
    const cancelled = await db.query(`UPDATE notifications SET status = 'ERASED' WHERE id = ANY($1::uuid[]) AND status = 'QUEUED'`, [notificationIds]);
    await db.query('DELETE FROM outbox WHERE notification_id = ANY($1::uuid[])', [notificationIds]);
    // The event keeps a pointer to the subject.erased entry: its story proofs answer 410 naming it.
    const events = await db.query(
      `UPDATE events e SET payload = jsonb_build_object('erased', true, 'occurredAt', e.payload->'occurredAt', 'erasedBy', $3::text), request_hash = $2
         FROM notifications n WHERE n.id = ANY($1::uuid[]) AND e.tenant_id = n.tenant_id AND e.event_id = n.event_id`,
      [notificationIds, ERASED_REQUEST_HASH, subjectErasedId.toString()],
    );
    const redactedNotifications = await db.query(
      `UPDATE notifications n SET recipient = NULL, parameters = NULL, wamid = m.erased_wamid, updated_at = now(),
              last_error = CASE WHEN n.last_error IS NULL THEN NULL ELSE jsonb_strip_nulls(jsonb_build_object('erased', true, 'code', n.last_error->'code')) END
         FROM unnest($1::uuid[], $2::text[]) AS m(id, erased_wamid)
        WHERE n.id = m.id`,
      [notificationIds, notifications.rows.map((r) => (r.wamid === null ? null : erasedMessageId(r.wamid)))],
    );
    await db.query('UPDATE send_attempts SET wamid = NULL WHERE notification_id = ANY($1::uuid[]) AND wamid IS NOT NULL', [notificationIds]);
    const consents = await db.query(
      `UPDATE consents SET phone = NULL, user_id = NULL, client_id = NULL, request_hash = NULL, evidence = $3::jsonb
        WHERE tenant_id = $1 AND phone = $2`,
      [tenantId, phone, JSON.stringify(ERASED_BODY)],
    );
    const statuses = await db.query(
      `DELETE FROM message_statuses WHERE wamid = ANY($1::text[]) OR (payload->>'recipient_id' = $2 AND (tenant_id = $3 OR tenant_id IS NULL))`,
      [messageIds, digits, tenantId],
    );
    const windows = await db.query('DELETE FROM customer_windows WHERE tenant_id = $1 AND phone = $2', [tenantId, phone]);
    // Which wa_ids and BSUID were this number's is personal too: the person's links go (contact_identifiers).
    await db.query(
      `DELETE FROM contact_identifiers c USING contact_identifiers s
        WHERE s.tenant_id = $1 AND s.identifier = $2 AND c.tenant_id = s.tenant_id AND c.person_id = s.person_id`,
      [tenantId, phone],
    );
    const webhookPayloads = await this.redactWebhooks(db, subject, messageIds);

    const rows: RedactedRows = {
      events: events.rowCount ?? 0,
      notifications: redactedNotifications.rowCount ?? 0,
      cancelledSends: cancelled.rowCount ?? 0,
      consents: consents.rowCount ?? 0,
      messageStatuses: statuses.rowCount ?? 0,
      inboundMessages: inbound.rowCount ?? 0,
      customerWindows: windows.rowCount ?? 0,
      webhookPayloads,
    };
    if (ids.length === 0 && Object.values(rows).every((n) => n === 0)) return { kind: 'nothing' };

    // 7. The record of the erasure: a reference only its receipt can link to anyone, counts, the seq range.
    const firstSeq = seqs[0] ?? null;
    const lastSeq = seqs[seqs.length - 1] ?? null;
    const entry = subjectErased({
      tenantId,
      subject: toHex(receiptReference),
      erasedEntries: ids.length,
      ...(firstSeq !== null && lastSeq !== null ? { firstSeq: Number(firstSeq), lastSeq: Number(lastSeq) } : {}),
      redacted: { ...rows },
    });
    const e = pendingEntryColumns([entry]);
    await db.query(
      `INSERT INTO ledger_entries (id, type, occurred_at, body, salt, tenant_id) VALUES ($1, $2, $3, $4::jsonb, decode($5, 'hex'), $6)`,
      [subjectErasedId.toString(), e.types[0], e.occurredAt[0], e.bodies[0], e.salts[0], e.tenants[0]],
    );
    return { kind: 'erased', erasedEntries: ids.length, firstSeq, lastSeq, rows, subjectErasedId };
  }

  /**
   * Raw webhook bodies naming the subject: the subject's parts are cut out (other users' stay), and
   * the signature goes too — with the app secret, an HMAC over a body missing only a phone number
   * would let anyone try every number until it matches. A body that is not JSON is deleted.
   */
  private async redactWebhooks(db: pg.PoolClient, subject: ErasureSubject, messageIds: string[]): Promise<number> {
    const needles = [subject.phone.slice(1), ...messageIds];
    const { rows } = await db.query<{ id: string; body: Buffer }>(
      `SELECT w.id::text AS id, w.body FROM webhook_payloads w
        WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS n(needle) WHERE position(convert_to(n.needle, 'UTF8') in w.body) > 0)
        ORDER BY w.id FOR UPDATE`,
      [needles],
    );
    let changed = 0;
    for (const row of rows) {
      const redacted = redactWebhookBody(row.body, { phone: subject.phone, messageIds }, subject.phoneNumberId);
      if (redacted === null) continue;
      if (redacted === 'unparseable') await db.query('DELETE FROM webhook_payloads WHERE id = $1', [row.id]);
      else await db.query(`UPDATE webhook_payloads SET body = $2, signature = '' WHERE id = $1`, [row.id, redacted.body]);
      changed++;
    }
    return changed;
  }
}
