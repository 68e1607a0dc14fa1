import { Injectable } from '@nestjs/common';
import { ERASED_REQUEST_HASH } from '../../notifications/src/notification-records.js';
import { PgPool } from '../../platform/src/pg-pool.service.js';
import { erasedMessageId } from './erased-message-id.js';

/** An event or message whose subject was erased: when, and by which subject.erased entry. */
export interface ErasedStory {
  /** Both null for an erasure recorded before events pointed at theirs; `bySeq` null until it is sequenced. */
  at: Date | null;
  bySeq: bigint | null;
}

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
    return this.find('FROM events e WHERE e.tenant_id = $1 AND e.event_id = $2', [tenantId, eventId]);
  }

  /** `tenantId` null: a deployment-wide key, any tenant. */
  ofMessage(tenantId: string | null, wamid: string): Promise<ErasedStory | null> {
    // What PostgreSQL would refuse (a tenant id that is no UUID) matches nothing.
    if (tenantId !== null && !UUID.test(tenantId)) return Promise.resolve(null);
    return this.find(
      `FROM notifications n JOIN events e ON e.tenant_id = n.tenant_id AND e.event_id = n.event_id
        WHERE n.wamid = $1 AND ($2::uuid IS NULL OR n.tenant_id = $2)`,
      [erasedMessageId(wamid), tenantId],
    );
  }

  /** `fromWhere` selects the event with $1 and $2; $3 is the erased marker. */
  private async find(fromWhere: string, values: [unknown, unknown]): Promise<ErasedStory | null> {
    if (values.some((v) => typeof v === 'string' && v.includes('\0'))) return null;
    const { rows } = await this.pool.query<{ erased_at: Date | null; by_seq: string | null }>(
      `WITH erased AS (SELECT e.payload->>'erasedBy' AS by_id ${fromWhere} AND e.request_hash = $3 LIMIT 1)
       SELECT m.occurred_at AS erased_at, m.seq::text AS by_seq
         FROM erased LEFT JOIN ledger_entries m ON m.id = (CASE WHEN erased.by_id ~ '^[0-9]{1,18}$' THEN erased.by_id::bigint END)`,
      [...values, ERASED_REQUEST_HASH],
    );
    if (rows.length === 0) return null;
    return { at: rows[0].erased_at, bySeq: rows[0].by_seq === null ? null : BigInt(rows[0].by_seq) };
  }
}
