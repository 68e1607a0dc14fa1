import { sql, statement, type Queryable } from '#sigillo/db';
import type { JsonObject } from './entry.js';

/** An entry of the console's history: a configuration change, or a consent recorded by staff. */
export interface HistoryEntry {
  id: string;
  seq: string | null;
  recorded_at: Date;
  type: string;
  body: JsonObject;
}

// The predicate is the partial index's (ledger_entries_history_idx, migration 20261202150000_staff_console): keep them equal.
const HISTORY = statement<{ tenantId: string; before: string | null; limit: number }, HistoryEntry>(
  'sigillo-config-history',
  (p) => sql`
SELECT e.id::text AS id, e.seq::text AS seq, e.recorded_at, e.type, e.body FROM ledger_entries e
 WHERE e.tenant_id = ${p.tenantId}::uuid
   AND (e.type LIKE 'config.%' OR (e.type LIKE 'consent.changed%' AND e.body->>'source' = 'staff'))
   AND (${p.before}::bigint IS NULL OR e.seq < ${p.before}::bigint)
 -- e.seq, the bigint: the output column of that name is text.
 ORDER BY e.seq DESC NULLS FIRST, e.id DESC LIMIT ${p.limit}`,
);

/**
 * A tenant's history of changes in log order, newest first: entries still waiting for their seq,
 * then by seq. `before` (a seq) pages on: the entries placed before it.
 */
export function configHistoryPage(db: Queryable, tenantId: string, before: string | null, limit: number): Promise<HistoryEntry[]> {
  return HISTORY.rows(db, { tenantId, before, limit });
}
