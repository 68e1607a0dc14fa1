import { Injectable } from '@nestjs/common';
import { sql, statement, verbatim } from '#sigillo/db';
import { PgPool } from '#sigillo/platform';
import { OUTCOME_PREDICATES } from './outcome.js';

export interface DayOutcomes {
  day: string;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  pending: number;
}

const PER_DAY = statement<{ tenantId: string; since: Date }, DayOutcomes>(
  'sigillo-console-overview-days',
  (p) => sql`
SELECT to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
       count(*) FILTER (WHERE ${verbatim(OUTCOME_PREDICATES.sent)})::int AS sent,
       count(*) FILTER (WHERE ${verbatim(OUTCOME_PREDICATES.delivered)})::int AS delivered,
       count(*) FILTER (WHERE ${verbatim(OUTCOME_PREDICATES.read)})::int AS read,
       count(*) FILTER (WHERE ${verbatim(OUTCOME_PREDICATES.failed)})::int AS failed,
       count(*) FILTER (WHERE ${verbatim(OUTCOME_PREDICATES.pending)})::int AS pending
  FROM notifications n
 WHERE n.tenant_id = ${p.tenantId}::uuid AND n.created_at >= ${p.since}
 GROUP BY 1 ORDER BY 1`,
);

const REFUSED = statement<{ tenantId: string; since: Date }, { day: string; reason: string; n: number }>(
  'sigillo-console-overview-refused',
  (p) => sql`
SELECT to_char(n.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, COALESCE(n.reason, 'UNKNOWN') AS reason, count(*)::int AS n
  FROM notifications n
 WHERE n.tenant_id = ${p.tenantId}::uuid AND n.created_at >= ${p.since} AND ${verbatim(OUTCOME_PREDICATES.refused)}
 GROUP BY 1, 2 ORDER BY 1, 2`,
);

// Meta prices a message once, on its first status carrying `pricing` (normally `sent`).
const PRICING = statement<{ tenantId: string; since: Date }, { day: string; category: string; n: number }>(
  'sigillo-console-overview-pricing',
  (p) => sql`
SELECT day, category, count(*)::int AS n FROM (
  SELECT DISTINCT ON (s.wamid) to_char(s.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, s.payload->'pricing'->>'category' AS category
    FROM message_statuses s
   WHERE s.tenant_id = ${p.tenantId}::uuid AND s.occurred_at >= ${p.since} AND s.payload->'pricing'->>'category' IS NOT NULL
   ORDER BY s.wamid, s.occurred_at
) priced GROUP BY 1, 2 ORDER BY 1, 2`,
);

const LATEST_BLOCK = statement<{ contract: string }, { block: string | null }>(
  'sigillo-console-overview-block',
  (p) => sql`SELECT block_number::text AS block FROM anchors WHERE contract = ${p.contract} AND status = 'CONFIRMED' ORDER BY tree_size DESC LIMIT 1`,
);

@Injectable()
export class ConsoleOverviewRepository {
  constructor(private readonly pool: PgPool) {}

  perDay(tenantId: string, since: Date): Promise<DayOutcomes[]> {
    return PER_DAY.rows(this.pool, { tenantId, since });
  }

  refused(tenantId: string, since: Date): Promise<{ day: string; reason: string; n: number }[]> {
    return REFUSED.rows(this.pool, { tenantId, since });
  }

  pricing(tenantId: string, since: Date): Promise<{ day: string; category: string; n: number }[]> {
    return PRICING.rows(this.pool, { tenantId, since });
  }

  async latestBlock(contract: string): Promise<number | null> {
    const [row] = await LATEST_BLOCK.rows(this.pool, { contract: contract.toLowerCase() });
    return row?.block ? Number(row.block) : null;
  }
}
