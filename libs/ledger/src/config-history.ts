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
SELECT id::text AS id, seq::text AS seq, recorded_at, type, body FROM ledger_entries
 WHERE tenant_id = ${p.tenantId}::uuid
   AND (type LIKE 'config.%' OR (type LIKE 'consent.changed%' AND body->>'source' = 'staff'))
   AND (${p.before}::bigint IS NULL OR seq < ${p.before}::bigint)
 ORDER BY seq DESC NULLS FIRST, id DESC LIMIT ${p.limit}`,
);

/**
 * A tenant's history of changes in log order, newest first: entries still waiting for their seq,
 * then by seq. `before` (a seq) pages on: the entries placed before it.
 */
export function configHistoryPage(db: Queryable, tenantId: string, before: string | null, limit: number): Promise<HistoryEntry[]> {
  return HISTORY.rows(db, { tenantId, before, limit });
}
