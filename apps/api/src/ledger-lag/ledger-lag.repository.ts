import { Injectable } from '@nestjs/common';
import { PgPool } from '#sigillo/platform';
import { sql, statement } from '#sigillo/db';

/** How far anchoring trails the log, read in one round trip for /health and /metrics. */
export interface LedgerLag {
  /** Entries sequenced so far (max seq + 1). */
  treeSize: number;
  /** Entries written but not yet given a seq by the sequencer. */
  pendingEntries: number;
  oldestPendingAt: Date | null;
  latestCheckpointSize: number | null;
  latestCheckpointAt: Date | null;
  /** The latest confirmed anchor on the configured contract. */
  anchoredSize: number | null;
  anchoredAt: Date | null;
  lastAnchorGasUsed: number | null;
  /** When the oldest entry not covered by a confirmed anchor was recorded; null when everything is anchored. */
  oldestUnanchoredAt: Date | null;
}

// Every part is an index lookup (seq and tree_size are keys; pending rows have seq NULL, which the
// unique index on seq holds too) except the pending count, which stays small while the sequencer runs.
const LEDGER_LAG = statement<{ contract: string }, Row>(
  'sigillo-ledger-lag',
  (p) => sql`
WITH a AS (
  SELECT tree_size, confirmed_at, gas_used FROM anchors
   WHERE contract = ${p.contract} AND status = 'CONFIRMED' ORDER BY tree_size DESC LIMIT 1
), s AS (
  SELECT COALESCE(max(seq) + 1, 0) AS size FROM ledger_entries
), p AS (
  SELECT count(*)::int AS n, min(recorded_at) AS oldest FROM ledger_entries WHERE seq IS NULL
), c AS (
  SELECT tree_size, created_at FROM checkpoints ORDER BY tree_size DESC LIMIT 1
)
SELECT s.size::text AS tree_size, p.n AS pending, p.oldest AS oldest_pending_at,
       (SELECT tree_size::text FROM c) AS checkpoint_size, (SELECT created_at FROM c) AS checkpoint_at,
       (SELECT tree_size::text FROM a) AS anchored_size, (SELECT confirmed_at FROM a) AS anchored_at,
       (SELECT gas_used::text FROM a) AS last_gas_used,
       (SELECT recorded_at FROM ledger_entries WHERE seq = COALESCE((SELECT tree_size FROM a), 0)) AS oldest_unanchored_at
  FROM s, p`,
);

interface Row {
  tree_size: string;
  pending: number;
  oldest_pending_at: Date | null;
  checkpoint_size: string | null;
  checkpoint_at: Date | null;
  anchored_size: string | null;
  anchored_at: Date | null;
  last_gas_used: string | null;
  oldest_unanchored_at: Date | null;
}

@Injectable()
export class LedgerLagRepository {
  constructor(private readonly pool: PgPool) {}

  async read(contract: string): Promise<LedgerLag> {
    const rows = await LEDGER_LAG.rows(this.pool, { contract: contract.toLowerCase() });
    const r = rows[0];
    return {
      treeSize: Number(r.tree_size),
      pendingEntries: r.pending,
      oldestPendingAt: r.oldest_pending_at,
      latestCheckpointSize: numberOrNull(r.checkpoint_size),
      latestCheckpointAt: r.checkpoint_at,
      anchoredSize: numberOrNull(r.anchored_size),
      anchoredAt: r.anchored_at,
      lastAnchorGasUsed: numberOrNull(r.last_gas_used),
      // A sequenced entry past the anchor, or else a pending one: either waits for the chain.
      oldestUnanchoredAt: r.oldest_unanchored_at ?? r.oldest_pending_at,
    };
  }
}

function numberOrNull(value: string | null): number | null {
  return value === null ? null : Number(value);
}
