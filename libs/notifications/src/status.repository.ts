import { Injectable } from '@nestjs/common';
import { sql, statement, verbatim, withTransaction } from '#sigillo/db';
import { LedgerAppender, messageStatus, type EntryColumns, type EntryRefs, type MessageStatusBody } from '#sigillo/ledger';
import type { JsonObject, NewLedgerEntry } from '#sigillo/ledger';
import { PgPool } from '#sigillo/platform';
import { compareDelivery, deliveryRankSql, furthestDelivery } from '#sigillo/whatsapp';

export interface NewStatus {
  wamid: string;
  status: string;
  /** The tenant owning the phone number id the status came through: it only ever meets that tenant's messages. */
  tenantId: string;
  callbackData: string | null;
  occurredAt: Date;
  raw: JsonObject;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Delivery only moves forward (deliveryRank, libs/whatsapp): a notification's state is replaced
// only by a status further along.
const moves = (current: string, next: string) => verbatim(`${deliveryRankSql(current)} < ${deliveryRankSql(next)}`);

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
  const body: MessageStatusBody = {
    tenantId: n.tenantId,
    notificationId: n.id,
    eventId: n.eventId,
    wamid,
    status: status as MessageStatusBody['status'],
    statusObject,
  };
  return messageStatus(body, occurredAt, n.recipient);
}

// One statement: the statuses stored (a repeat changes nothing), the known ones recorded with their
// ledger entries (entryRefs: the status each belongs to), and each notification moved to the
// furthest of its new statuses.
export const RECORD_STATUSES = statement<StatusColumns, { wamid: string; status: string; tenant_id: string }>(
  'sigillo-record-statuses',
  (p) => sql`
WITH x AS (
  SELECT * FROM unnest(${p.wamid}::text[], ${p.status}::text[], ${p.tenantId}::uuid[], ${p.callbackData}::text[], ${p.occurredAt}::timestamptz[],
                       ${p.payload}::jsonb[], ${p.notificationId}::uuid[])
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
  ${LedgerAppender.sql(p, { rows: 'k', key: 'ord' })}
), d AS (
  UPDATE notifications n SET delivery_status = f.status, updated_at = now()
    FROM (SELECT DISTINCT ON (k.notification_id) k.notification_id AS id, k.status FROM k ORDER BY k.notification_id, ${verbatim(deliveryRankSql('k.status'))} DESC) f
   WHERE n.id = f.id AND ${moves('n.delivery_status', 'f.status')}
)
SELECT wamid, status, tenant_id FROM s`,
);

/** RECORD_STATUSES's input: one element per status, and (entry*) one per ledger entry. */
export interface StatusColumns extends EntryColumns, EntryRefs {
  wamid: string[];
  status: string[];
  tenantId: string[];
  callbackData: (string | null)[];
  /** ISO instants. */
  occurredAt: string[];
  /** JSON text, parsed by PostgreSQL. */
  payload: string[];
  notificationId: (string | null)[];
}

const STATUS_NOTIFICATIONS = statement<
  { wamids: string[]; tenantIds: string[] },
  { id: string; wamid: string; tenant_id: string; event_id: string; recipient: string | null }
>(
  'sigillo-status-notifications',
  (p) => sql`
SELECT n.id, n.wamid, n.tenant_id, n.event_id, n.recipient
  FROM unnest(${p.wamids}::text[], ${p.tenantIds}::uuid[]) AS x(wamid, tenant_id)
  JOIN notifications n ON n.wamid = x.wamid AND n.tenant_id = x.tenant_id`,
);

const CLAIM_UNRECORDED = statement<
  { wamids: string[] },
  {
    id: string;
    wamid: string;
    status: string;
    occurred_at: Date;
    payload: JsonObject;
    notification_id: string;
    tenant_id: string;
    event_id: string;
    recipient: string | null;
  }
>(
  'sigillo-status-claim-unrecorded',
  (p) => sql`
SELECT s.id::text AS id, s.wamid, s.status, s.occurred_at, s.payload, n.id AS notification_id, n.tenant_id, n.event_id, n.recipient
  FROM message_statuses s JOIN notifications n ON n.wamid = s.wamid AND n.tenant_id = s.tenant_id
 WHERE s.recorded_at IS NULL AND s.wamid = ANY(${p.wamids}::text[])
 ORDER BY s.occurred_at, s.id
   FOR UPDATE OF s SKIP LOCKED`,
);

// The claimed statuses' entries, their notifications' delivery state (one row per notification,
// its furthest status: an UPDATE applies only one of several matches), and the statuses marked recorded.
const RECORD_ATTACHED = statement<EntryColumns & { notificationIds: string[]; furthest: string[]; statusIds: string[]; statusNotificationIds: string[] }>(
  'sigillo-status-record-attached',
  (p) => sql`
WITH l AS (
  ${LedgerAppender.sql(p)}
), d AS (
  UPDATE notifications n SET delivery_status = x.status, updated_at = now()
    FROM unnest(${p.notificationIds}::uuid[], ${p.furthest}::text[]) AS x(id, status)
   WHERE n.id = x.id AND ${moves('n.delivery_status', 'x.status')}
)
UPDATE message_statuses m SET recorded_at = now(), notification_id = x.notification_id
  FROM unnest(${p.statusIds}::bigint[], ${p.statusNotificationIds}::uuid[]) AS x(id, notification_id) WHERE m.id = x.id`,
);

const UNRECORDED = statement<{ olderThanMs: number; limit: number }, { wamid: string; age_ms: number }>(
  'sigillo-status-unrecorded',
  (p) => sql`
SELECT wamid, (EXTRACT(EPOCH FROM (now() - min(received_at))) * 1000)::float8 AS age_ms
  FROM message_statuses WHERE recorded_at IS NULL AND received_at < now() - make_interval(secs => ${p.olderThanMs}::float8 / 1000)
 GROUP BY wamid ORDER BY min(received_at) LIMIT ${p.limit}::int`,
);

const WAMID_FOR_CALLBACK = statement<{ notificationId: string }, { wamid: string }>(
  'sigillo-wamid-for-callback',
  (p) => sql`
SELECT s.wamid FROM message_statuses s JOIN notifications n ON n.id = ${p.notificationId}::uuid AND s.tenant_id = n.tenant_id
 WHERE s.callback_data = ${p.notificationId}::text LIMIT 1`,
);

const OWNERS = statement<{ wamids: string[]; ids: string[] }, { id: string; wamid: string | null; tenant_id: string }>(
  'sigillo-status-owners',
  (p) => sql`SELECT id, wamid, tenant_id FROM notifications WHERE wamid = ANY(${p.wamids}::text[]) OR id = ANY(${p.ids}::uuid[])`,
);

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
      a.wamid < b.wamid ? -1 : a.wamid > b.wamid ? 1 : compareDelivery(a.status, b.status),
    );
    if (unique.length === 0) return;
    const known = await STATUS_NOTIFICATIONS.rows(this.pool, { wamids: unique.map((x) => x.wamid), tenantIds: unique.map((x) => x.tenantId) });
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
    const rows = await RECORD_STATUSES.rows(this.pool, {
      wamid: unique.map((x) => x.wamid),
      status: unique.map((x) => x.status),
      tenantId: unique.map((x) => x.tenantId),
      callbackData: unique.map((x) => x.callbackData),
      occurredAt: unique.map((x) => x.occurredAt.toISOString()),
      payload: unique.map((x) => JSON.stringify(x.raw)),
      notificationId: unique.map((x) => notificationOf(x)?.id ?? null),
      ...LedgerAppender.columns(entries, refs),
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
    return withTransaction(this.pool, async (tx) => {
      const rows = await CLAIM_UNRECORDED.rows(tx, { wamids });
      if (rows.length === 0) return 0;
      const entries = rows.map((r) =>
        statusEntry({ id: r.notification_id, tenantId: r.tenant_id, eventId: r.event_id, recipient: r.recipient }, r.wamid, r.status, r.occurred_at, r.payload),
      );
      const byNotification = new Map<string, string[]>();
      for (const r of rows) byNotification.set(r.notification_id, [...(byNotification.get(r.notification_id) ?? []), r.status]);
      const furthest = new Map<string, string>();
      for (const [id, statuses] of byNotification) {
        const status = furthestDelivery(statuses);
        if (status) furthest.set(id, status);
      }
      await RECORD_ATTACHED.run(tx, {
        ...LedgerAppender.columns(entries),
        notificationIds: [...furthest.keys()],
        furthest: [...furthest.values()],
        statusIds: rows.map((r) => r.id),
        statusNotificationIds: rows.map((r) => r.notification_id),
      });
      return rows.length;
    });
  }

  /** Statuses still waiting for their message: retried by the sweep, reported when old. */
  async unrecorded(olderThanMs: number, limit: number): Promise<{ wamid: string; ageMs: number }[]> {
    const rows = await UNRECORDED.rows(this.pool, { olderThanMs, limit });
    return rows.map((r) => ({ wamid: r.wamid, ageMs: Number(r.age_ms) }));
  }

  /**
   * The wamid Meta gave a send whose outcome we lost, found through the id it echoes back: only
   * among statuses that came through the notification's own tenant's number.
   */
  async wamidForCallback(notificationId: string): Promise<string | null> {
    const rows = await WAMID_FOR_CALLBACK.rows(this.pool, { notificationId });
    return rows[0]?.wamid ?? null;
  }

  /**
   * The tenants of the messages these wamids name and of these notifications (named by statuses'
   * callback data), whichever tenant that is: what lets the worker refuse a status naming another tenant's.
   */
  async owners(wamids: string[], notificationIds: string[]): Promise<{ wamidTenants: Map<string, string>; notificationTenants: Map<string, string> }> {
    const ids = notificationIds.filter((c) => UUID.test(c));
    if (wamids.length === 0 && ids.length === 0) return { wamidTenants: new Map(), notificationTenants: new Map() };
    const rows = await OWNERS.rows(this.pool, { wamids: [...new Set(wamids)], ids: [...new Set(ids)] });
    return {
      wamidTenants: new Map(rows.filter((r) => r.wamid !== null).map((r) => [r.wamid!, r.tenant_id])),
      notificationTenants: new Map(rows.map((r) => [r.id, r.tenant_id])),
    };
  }
}
