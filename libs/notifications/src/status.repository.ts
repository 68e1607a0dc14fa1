import { Injectable } from '@nestjs/common';
import { messageStatus, type MessageStatusBody } from '../../ledger/src/entries/index.js';
import type { JsonObject } from '../../ledger/src/entry.js';
import { pendingEntryColumns } from '../../ledger/src/ledger.repository.js';
import type { NewLedgerEntry } from '../../ledger/src/ledger-records.js';
import { PgPool } from '../../platform/src/pg-pool.service.js';

export interface NewStatus {
  wamid: string;
  status: string;
  /** The tenant owning the phone number id the status came through: it only ever meets that tenant's messages. */
  tenantId: string;
  callbackData: string | null;
  occurredAt: Date;
  raw: JsonObject;
}

// Delivery only moves forward; failed is terminal and wins over anything before it.
const rankOf = (column: string) => `CASE ${column} WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END`;
const RANK = rankOf('x.status');
const CURRENT_RANK = `CASE n.delivery_status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 9 ELSE 0 END`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const RANKS: Record<string, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };
const rank = (status: string) => RANKS[status] ?? 0;

/**
 * A delivery status as the log records it, naming the notification and event it belongs to. Only
 * the four statuses Meta sends for a message reach here (parseMetaWebhook keeps no other).
 */
export function statusEntry(
  n: { id: string; tenantId: string; eventId: string; recipient: string | null },
  wamid: string,
  status: string,
  occurredAt: Date,
  statusObject: JsonObject,
): NewLedgerEntry {
  const body: MessageStatusBody = { tenantId: n.tenantId, notificationId: n.id, eventId: n.eventId, wamid, status: status as MessageStatusBody['status'], statusObject };
  return messageStatus(body, occurredAt, n.recipient);
}

// One statement: the statuses stored (a repeat changes nothing), the known ones recorded with their
// ledger entries, and each notification moved to the furthest of its new statuses.
const RECORD_STATUSES = `
WITH x AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::jsonb[], $7::uuid[])
         WITH ORDINALITY AS x(wamid, status, tenant_id, callback_data, occurred_at, payload, notification_id, ord)
), s AS (
  INSERT INTO message_statuses (wamid, status, tenant_id, callback_data, occurred_at, payload, notification_id, recorded_at)
  SELECT x.wamid, x.status, x.tenant_id, x.callback_data, x.occurred_at, x.payload, x.notification_id,
         CASE WHEN x.notification_id IS NULL THEN NULL ELSE now() END
    FROM x ORDER BY x.ord
  ON CONFLICT (wamid, status, tenant_id) DO NOTHING
  RETURNING wamid, status, tenant_id
), k AS (
  SELECT x.* FROM x JOIN s ON s.wamid = x.wamid AND s.status = x.status AND s.tenant_id = x.tenant_id WHERE x.notification_id IS NOT NULL
), l AS (
  INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex')
    FROM unnest($8::text[], $9::timestamptz[], $10::jsonb[], $11::text[], $12::uuid[], $13::text[], $14::bigint[]) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ref, ord)
    JOIN k ON k.ord = u.ref
   ORDER BY u.ord
), d AS (
  UPDATE notifications n SET delivery_status = f.status, updated_at = now()
    FROM (SELECT DISTINCT ON (k.notification_id) k.notification_id AS id, k.status FROM k ORDER BY k.notification_id, ${rankOf('k.status')} DESC) f
   WHERE n.id = f.id AND ${CURRENT_RANK} < ${rankOf('f.status')}
)
SELECT wamid, status, tenant_id FROM s`;

/**
 * Delivery statuses: stored once per (wamid, status, tenant) however often Meta repeats them, and
 * turned into `message.status` ledger entries once their message is known — a status can arrive
 * before the send that caused it has been recorded. A status meets only messages of its own tenant
 * (the one owning the phone number id it came through): never a message found by wamid alone.
 */
@Injectable()
export class StatusRepository {
  constructor(private readonly pool: PgPool) {}

  /**
   * Stores statuses once per (wamid, status), and those whose message is known are recorded in the
   * same statement: the `message.status` entry and the notification's delivery state. Statuses of
   * messages not known yet are stored unrecorded for `attach` (the sweep) to record later.
   */
  async record(statuses: NewStatus[]): Promise<void> {
    // In one order everywhere (wamid, then sent → delivered → read): two batches holding the same
    // statuses then wait for each other's rows in the same order, never in a cycle.
    const key = (status: string, wamid: string, tenantId: string) => `${status} ${wamid} ${tenantId}`;
    const unique = [...new Map(statuses.map((x) => [key(x.status, x.wamid, x.tenantId), x])).values()].sort((a, b) =>
      a.wamid < b.wamid ? -1 : a.wamid > b.wamid ? 1 : rank(a.status) - rank(b.status),
    );
    if (unique.length === 0) return;
    const { rows: known } = await this.pool.query<{ id: string; wamid: string; tenant_id: string; event_id: string; recipient: string | null }>({
      name: 'sigillo-status-notifications',
      text: `SELECT n.id, n.wamid, n.tenant_id, n.event_id, n.recipient
               FROM unnest($1::text[], $2::uuid[]) AS x(wamid, tenant_id)
               JOIN notifications n ON n.wamid = x.wamid AND n.tenant_id = x.tenant_id`,
      values: [unique.map((x) => x.wamid), unique.map((x) => x.tenantId)],
    });
    const byWamid = new Map(known.map((n) => [`${n.tenant_id} ${n.wamid}`, n]));
    const notificationOf = (x: NewStatus) => byWamid.get(`${x.tenantId} ${x.wamid}`);
    const refs: number[] = [];
    const entries: NewLedgerEntry[] = [];
    unique.forEach((x, i) => {
      const n = notificationOf(x);
      if (!n) return;
      refs.push(i + 1);
      entries.push(statusEntry({ id: n.id, tenantId: n.tenant_id, eventId: n.event_id, recipient: n.recipient }, x.wamid, x.status, x.occurredAt, x.raw));
    });
    const e = pendingEntryColumns(entries);
    const { rows } = await this.pool.query<{ wamid: string; status: string; tenant_id: string }>({
      name: 'sigillo-record-statuses',
      text: RECORD_STATUSES,
      values: [
        unique.map((x) => x.wamid),
        unique.map((x) => x.status),
        unique.map((x) => x.tenantId),
        unique.map((x) => x.callbackData),
        unique.map((x) => x.occurredAt.toISOString()),
        unique.map((x) => JSON.stringify(x.raw)),
        unique.map((x) => notificationOf(x)?.id ?? null),
        e.types,
        e.occurredAt,
        e.bodies,
        e.salts,
        e.tenants,
        e.subjects,
        refs,
      ],
    });
    // Already stored (a repeat, or an earlier copy that came before its message): that copy may
    // still wait unrecorded, and its message is known now.
    const inserted = new Set(rows.map((r) => key(r.status, r.wamid, r.tenant_id)));
    const waiting = unique.filter((x) => notificationOf(x) && !inserted.has(key(x.status, x.wamid, x.tenantId))).map((x) => x.wamid);
    if (waiting.length > 0) await this.attach([...new Set(waiting)]);
  }

  /**
   * Records every stored-but-unrecorded status of these wamids whose message is known: its ledger
   * entry, the notification's delivery state (forward only), in one transaction. Returns how many.
   */
  async attach(wamids: string[]): Promise<number> {
    if (wamids.length === 0) return 0;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{
        id: string; wamid: string; status: string; occurred_at: Date; payload: JsonObject; notification_id: string; tenant_id: string; event_id: string; recipient: string | null;
      }>(
        `SELECT s.id::text AS id, s.wamid, s.status, s.occurred_at, s.payload, n.id AS notification_id, n.tenant_id, n.event_id, n.recipient
           FROM message_statuses s JOIN notifications n ON n.wamid = s.wamid AND n.tenant_id = s.tenant_id
          WHERE s.recorded_at IS NULL AND s.wamid = ANY($1)
          ORDER BY s.occurred_at, s.id
          FOR UPDATE OF s SKIP LOCKED`,
        [wamids],
      );
      if (rows.length > 0) {
        const entries = rows.map((r) =>
          statusEntry({ id: r.notification_id, tenantId: r.tenant_id, eventId: r.event_id, recipient: r.recipient }, r.wamid, r.status, r.occurred_at, r.payload),
        );
        const e = pendingEntryColumns(entries);
        // One row per notification (an UPDATE applies only one of several matches): its furthest status.
        const furthest = new Map<string, string>();
        for (const r of rows) if (rank(r.status) > rank(furthest.get(r.notification_id) ?? '')) furthest.set(r.notification_id, r.status);
        await client.query(
          `WITH l AS (
             INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
             SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex')
               FROM unnest($1::text[], $2::timestamptz[], $3::jsonb[], $4::text[], $5::uuid[], $8::text[]) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ord)
              ORDER BY u.ord
           ), d AS (
             UPDATE notifications n SET delivery_status = x.status, updated_at = now()
               FROM unnest($9::uuid[], $10::text[]) AS x(id, status)
              WHERE n.id = x.id AND ${CURRENT_RANK} < ${RANK}
           )
           UPDATE message_statuses m SET recorded_at = now(), notification_id = x.notification_id
             FROM unnest($6::bigint[], $7::uuid[]) AS x(id, notification_id) WHERE m.id = x.id`,
          [e.types, e.occurredAt, e.bodies, e.salts, e.tenants, rows.map((r) => r.id), rows.map((r) => r.notification_id), e.subjects, [...furthest.keys()], [...furthest.values()]],
        );
      }
      await client.query('COMMIT');
      return rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Statuses still waiting for their message: retried by the sweep, reported when old. */
  async unrecorded(olderThanMs: number, limit: number): Promise<{ wamid: string; ageMs: number }[]> {
    const { rows } = await this.pool.query<{ wamid: string; age_ms: number }>(
      `SELECT wamid, (EXTRACT(EPOCH FROM (now() - min(received_at))) * 1000)::float8 AS age_ms
         FROM message_statuses WHERE recorded_at IS NULL AND received_at < now() - make_interval(secs => $1::float8 / 1000)
        GROUP BY wamid ORDER BY min(received_at) LIMIT $2`,
      [olderThanMs, limit],
    );
    return rows.map((r) => ({ wamid: r.wamid, ageMs: Number(r.age_ms) }));
  }

  /**
   * The wamid Meta gave a send whose outcome we lost, found through the id it echoes back: only
   * among statuses that came through the notification's own tenant's number.
   */
  async wamidForCallback(notificationId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ wamid: string }>({
      name: 'sigillo-wamid-for-callback',
      text: `SELECT s.wamid FROM message_statuses s JOIN notifications n ON n.id = $1::uuid AND s.tenant_id = n.tenant_id
              WHERE s.callback_data = $1 LIMIT 1`,
      values: [notificationId],
    });
    return rows[0]?.wamid ?? null;
  }

  /**
   * The tenants of the messages these wamids name and of these notifications (named by statuses'
   * callback data), whichever tenant that is: what lets the worker refuse a status naming another tenant's.
   */
  async owners(wamids: string[], notificationIds: string[]): Promise<{ wamidTenants: Map<string, string>; notificationTenants: Map<string, string> }> {
    const ids = notificationIds.filter((c) => UUID.test(c));
    if (wamids.length === 0 && ids.length === 0) return { wamidTenants: new Map(), notificationTenants: new Map() };
    const { rows } = await this.pool.query<{ id: string; wamid: string | null; tenant_id: string }>({
      name: 'sigillo-status-owners',
      text: 'SELECT id, wamid, tenant_id FROM notifications WHERE wamid = ANY($1::text[]) OR id = ANY($2::uuid[])',
      values: [[...new Set(wamids)], [...new Set(ids)]],
    });
    return {
      wamidTenants: new Map(rows.filter((r) => r.wamid !== null).map((r) => [r.wamid!, r.tenant_id])),
      notificationTenants: new Map(rows.map((r) => [r.id, r.tenant_id])),
    };
  }
}
