import { Injectable } from '@nestjs/common';
import { sql, statement, type SqlFragment } from '#sigillo/db';
import { ERASED_REQUEST_HASH } from '#sigillo/notifications';
import { PgPool } from '#sigillo/platform';
import { erasedMessageId } from './erased-message-id.js';

/** An event or message whose subject was erased: when, and by which subject.erased entry. */
export interface ErasedStory {
  /** Both null for an erasure recorded before events pointed at theirs; `bySeq` null until it is sequenced. */
  at: Date | null;
  bySeq: bigint | null;
}

type ErasedRow = { erased_at: Date | null; by_seq: string | null };

// `found` selects the erased event's pointer to its subject.erased entry (`erasedBy`, an entry id).
const erasedBy = (found: SqlFragment) => sql`
WITH erased AS (${found})
SELECT m.occurred_at AS erased_at, m.seq::text AS by_seq
  FROM erased LEFT JOIN ledger_entries m ON m.id = (CASE WHEN erased.by_id ~ '^[0-9]{1,18}$' THEN erased.by_id::bigint END)`;

const ERASED_EVENT = statement<{ tenantId: string; eventId: string; marker: string }, ErasedRow>('sigillo-erased-event', (p) =>
  erasedBy(sql`SELECT e.payload->>'erasedBy' AS by_id FROM events e
                WHERE e.tenant_id = ${p.tenantId}::uuid AND e.event_id = ${p.eventId} AND e.request_hash = ${p.marker} LIMIT 1`),
);

// Unnamed: with a tenant the lookup is by (tenant, wamid), without one by wamid alone.
const ERASED_MESSAGE = statement<{ tenantId: string | null; wamid: string; marker: string }, ErasedRow>(
  'sigillo-erased-message',
  (p) =>
    erasedBy(sql`SELECT e.payload->>'erasedBy' AS by_id
                   FROM notifications n JOIN events e ON e.tenant_id = n.tenant_id AND e.event_id = n.event_id
                  WHERE n.wamid = ${p.wamid} AND (${p.tenantId}::uuid IS NULL OR n.tenant_id = ${p.tenantId}) AND e.request_hash = ${p.marker} LIMIT 1`),
  { prepared: false },
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Tells an erased story from one that never existed. An erased event keeps its row (request hash
 * `erased`, payload pointing at the subject.erased entry); an erased message keeps the hash of its
 * wamid (`erasedMessageId`). Both lookups use a primary or unique index.
 */
@Injectable()
export class ErasedStoriesRepository {
  constructor(private readonly pool: PgPool) {}

  ofEvent(tenantId: string, eventId: string): Promise<ErasedStory | null> {
    if (tenantId.includes('\0') || eventId.includes('\0')) return Promise.resolve(null);
    return this.found(ERASED_EVENT.rows(this.pool, { tenantId, eventId, marker: ERASED_REQUEST_HASH }));
  }

  /** `tenantId` null: a deployment-wide key, any tenant. */
  ofMessage(tenantId: string | null, wamid: string): Promise<ErasedStory | null> {
    // What PostgreSQL would refuse (a tenant id that is no UUID, a NUL byte) matches nothing.
    if (tenantId !== null && !UUID.test(tenantId)) return Promise.resolve(null);
    if (wamid.includes('\0')) return Promise.resolve(null);
    return this.found(ERASED_MESSAGE.rows(this.pool, { tenantId, wamid: erasedMessageId(wamid), marker: ERASED_REQUEST_HASH }));
  }

  private async found(query: Promise<ErasedRow[]>): Promise<ErasedStory | null> {
    const rows = await query;
    if (rows.length === 0) return null;
    return { at: rows[0].erased_at, bySeq: rows[0].by_seq === null ? null : BigInt(rows[0].by_seq) };
  }
}
