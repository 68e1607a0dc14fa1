import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import type { ChainControl } from './chain-control.js';

export interface Backlog {
  outbox: number;
  unsent: number;
  unprocessedWebhooks: number;
  unrecordedStatuses: number;
  statuses: number;
  entries: number;
  unsequenced: number;
  checkpointSize: number;
  anchoredSize: number;
  chainSize: number;
}

/** What is still owed: the run is settled when every line is done. */
export async function backlog(db: pg.Pool, chain: ChainControl): Promise<Backlog> {
  const { rows } = await db.query<Omit<Backlog, 'chainSize'>>(
    `SELECT (SELECT COUNT(*) FROM outbox)::int AS outbox,
            (SELECT COUNT(*) FROM notifications WHERE decision = 'SEND' AND status NOT IN ('SUBMITTED', 'FAILED'))::int AS unsent,
            (SELECT COUNT(*) FROM webhook_payloads WHERE processed_at IS NULL)::int AS "unprocessedWebhooks",
            (SELECT COUNT(*) FROM message_statuses WHERE recorded_at IS NULL)::int AS "unrecordedStatuses",
            (SELECT COUNT(*) FROM message_statuses)::int AS statuses,
            (SELECT COUNT(*) FROM ledger_entries)::int AS entries,
            (SELECT COUNT(*) FROM ledger_entries WHERE seq IS NULL)::int AS unsequenced,
            (SELECT COALESCE(MAX(tree_size), 0)::int FROM checkpoints) AS "checkpointSize",
            (SELECT COALESCE(MAX(tree_size), 0)::int FROM anchors WHERE status = 'CONFIRMED') AS "anchoredSize"`,
  );
  return { ...rows[0], chainSize: Number((await chain.latest()).treeSize) };
}

export function isSettled(b: Backlog, expectedStatuses: number): boolean {
  return (
    b.outbox === 0 &&
    b.unsent === 0 &&
    b.unprocessedWebhooks === 0 &&
    b.unrecordedStatuses === 0 &&
    b.statuses >= expectedStatuses &&
    b.unsequenced === 0 &&
    b.checkpointSize === b.entries &&
    b.anchoredSize === b.entries &&
    b.chainSize === b.entries
  );
}

/**
 * Waits for the outbox to drain, every send to end, every status to be recorded, the log to be
 * sequenced, checkpointed and anchored at its full size. The same state twice in a row (1 s
 * apart) counts: nothing is still moving. Returns the last backlog, settled or not.
 */
export async function waitSettled(
  db: pg.Pool,
  chain: ChainControl,
  expectedStatuses: () => Promise<number>,
  timeoutMs: number,
): Promise<{ settled: boolean; last: Backlog | null }> {
  const deadline = Date.now() + timeoutMs;
  let last: Backlog | null = null;
  let previousEntries = -1;
  for (;;) {
    try {
      last = await backlog(db, chain);
      if (isSettled(last, await expectedStatuses()) && last.entries === previousEntries) return { settled: true, last };
      previousEntries = last.entries;
    } catch {
      // a moment without the database or the chain: ask again
    }
    if (Date.now() > deadline) return { settled: false, last };
    await sleep(1000);
  }
}
