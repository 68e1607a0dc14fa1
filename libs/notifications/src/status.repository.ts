import { Injectable } from '@nestjs/common';
import type { JsonObject } from '../../ledger/src/entry.js';
import { pendingEntryColumns } from '../../ledger/src/ledger.repository.js';
import type { NewLedgerEntry } from '../../ledger/src/ledger-records.js';
import { PgPool } from '../../platform/src/pg-pool.service.js';

export interface NewStatus {
  wamid: string;
  status: string;
  tenantId: string | null;
  callbackData: string | null;
  occurredAt: Date;
  raw: JsonObject;
}

// Delivery only moves forward; failed is terminal and wins over anything before it.
const RANK = `CASE $1 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END`;
const CURRENT_RANK = `CASE delivery_status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 9 ELSE 0 END`;

/**
 * Delivery statuses: stored once per (wamid, status) however often Meta repeats them, and turned
 * into `message.status` ledger entries once their message is known — a status can arrive before
 * the send that caused it has been recorded.
 */
@Injectable()
export class StatusRepository {
  constructor(private readonly pool: PgPool) {}

  /** True when the status is new; a repeat changes nothing. */
  async store(s: NewStatus): Promise<boolean> {
    const { rowCount } = await this.pool.query({
      name: 'sigillo-store-status',
      text: `INSERT INTO message_statuses (wamid, status, tenant_id, callback_data, occurred_at, payload)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (wamid, status) DO NOTHING`,
      values: [s.wamid, s.status, s.tenantId, s.callbackData, s.occurredAt, JSON.stringify(s.raw)],
    });
    return rowCount === 1;
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
           FROM message_statuses s JOIN notifications n ON n.wamid = s.wamid
          WHERE s.recorded_at IS NULL AND s.wamid = ANY($1)
          ORDER BY s.occurred_at, s.id
          FOR UPDATE OF s SKIP LOCKED`,
        [wamids],
      );
      if (rows.length > 0) {
        const entries: NewLedgerEntry[] = rows.map((r) => ({
          tenantId: r.tenant_id,
          subjectPhone: r.recipient,
          type: 'message.status',
          occurredAt: r.occurred_at,
          body: { tenantId: r.tenant_id, notificationId: r.notification_id, eventId: r.event_id, wamid: r.wamid, status: r.status, statusObject: r.payload },
        }));
        const e = pendingEntryColumns(entries);
        await client.query(
          `WITH l AS (
             INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
             SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex')
               FROM unnest($1::text[], $2::timestamptz[], $3::jsonb[], $4::text[], $5::uuid[], $8::text[]) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ord)
              ORDER BY u.ord
           )
           UPDATE message_statuses m SET recorded_at = now(), notification_id = x.notification_id
             FROM unnest($6::bigint[], $7::uuid[]) AS x(id, notification_id) WHERE m.id = x.id`,
          [e.types, e.occurredAt, e.bodies, e.salts, e.tenants, rows.map((r) => r.id), rows.map((r) => r.notification_id), e.subjects],
        );
        for (const r of rows) {
          await client.query(
            `UPDATE notifications SET delivery_status = $1, updated_at = now() WHERE id = $2 AND ${CURRENT_RANK} < ${RANK}`,
            [r.status, r.notification_id],
          );
        }
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

  /** The wamid Meta gave a send whose outcome we lost, found through the id it echoes back. */
  async wamidForCallback(notificationId: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ wamid: string }>({
      name: 'sigillo-wamid-for-callback',
      text: 'SELECT wamid FROM message_statuses WHERE callback_data = $1 LIMIT 1',
      values: [notificationId],
    });
    return rows[0]?.wamid ?? null;
  }
}
