// Event → anchored on chain: for each event posted at a steady rate, the time from the start of its
// POST to the moment the contract's latest() first covers its `event.received` ledger entry.
// The chain is watched directly (not our anchors table), so the figure is what an auditor could see.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { LedgerContractClient } from '#sigillo/chain';
import { hardhatAccounts } from '#sigillo/dev-stack';
import { firstCoveringTime } from './covering.js';
import { percentile } from './stats.js';

export interface AnchorDelayOptions {
  apiUrl: string;
  headers: Record<string, string>;
  databaseUrl: string;
  tenantId: string;
  rpcUrl: string;
  contract: string;
  rate: number;
  seconds: number;
  /** A fresh event body with a unique id each call. */
  event: () => string;
  /** How often latest() is read: the resolution of the figure. */
  pollMs?: number;
}

export interface AnchorDelayFigures {
  rate: number;
  seconds: number;
  events: number;
  /** Posted events whose answer was not 202, or that never got anchored within the wait. */
  lost: number;
  p50: number;
  p99: number;
  max: number;
  pollMs: number;
}

const SETTLE_TIMEOUT_MS = 60_000;

export async function measureAnchorDelay(opts: AnchorDelayOptions): Promise<AnchorDelayFigures> {
  const pollMs = opts.pollMs ?? 25;
  // Any key will do: the client only reads.
  const chain = new LedgerContractClient(opts.rpcUrl, opts.contract, hardhatAccounts[4].privateKey);
  const seen: { t: number; size: bigint }[] = [];
  let watching = true;
  const watcher = (async () => {
    while (watching) {
      const t = performance.now();
      try {
        const { treeSize } = await chain.latest();
        // The answer's arrival time: the anchor happened before it, so delays err long, never short.
        if (seen.length === 0 || treeSize > seen[seen.length - 1].size) seen.push({ t: performance.now(), size: treeSize });
      } catch {
        // a busy node: try again at the next tick
      }
      await sleep(Math.max(0, pollMs - (performance.now() - t)));
    }
  })();

  const db = new pg.Client({ connectionString: opts.databaseUrl });
  await db.connect();
  try {
    // Open loop: each POST leaves at its scheduled time whether or not earlier ones have answered.
    const total = Math.round(opts.rate * opts.seconds);
    const posted: { id: string; at: number; status: Promise<number> }[] = [];
    const t0 = performance.now();
    for (let i = 0; i < total; i++) {
      const wait = t0 + (i * 1000) / opts.rate - performance.now();
      if (wait > 0) await sleep(wait);
      const body = opts.event();
      const id = (JSON.parse(body) as { id: string }).id;
      const at = performance.now();
      const status = fetch(`${opts.apiUrl}/v1/events`, { method: 'POST', headers: opts.headers, body }).then(
        async (res) => (await res.arrayBuffer(), res.status),
        () => 0,
      );
      posted.push({ id, at, status });
    }
    const statuses = await Promise.all(posted.map((p) => p.status));
    const accepted = posted.filter((_, i) => statuses[i] === 202);

    // Wait until the chain covers the last accepted event's entry (or give up after a while).
    const ids = accepted.map((p) => p.id);
    const seqOf = new Map<string, bigint>();
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    for (;;) {
      const { rows } = await db.query<{ id: string; seq: string | null }>(
        `SELECT body->>'eventId' AS id, seq::text AS seq FROM ledger_entries
          WHERE tenant_id = $1 AND type IN ('event.received', 'event.received/v2') AND body->>'eventId' = ANY($2::text[])`,
        [opts.tenantId, ids],
      );
      for (const r of rows) if (r.seq !== null) seqOf.set(r.id, BigInt(r.seq));
      const highest = [...seqOf.values()].reduce((a, b) => (b > a ? b : a), -1n);
      const covered = seen.length > 0 && seen[seen.length - 1].size > highest;
      if ((seqOf.size === ids.length && covered) || Date.now() > deadline) break;
      await sleep(250);
    }

    const delays: number[] = [];
    for (const p of accepted) {
      const seq = seqOf.get(p.id);
      const t = seq === undefined ? undefined : firstCoveringTime(seen, seq);
      if (t !== undefined) delays.push(t - p.at);
    }
    return {
      rate: opts.rate,
      seconds: opts.seconds,
      events: total,
      lost: total - delays.length,
      p50: percentile(delays, 50),
      p99: percentile(delays, 99),
      max: percentile(delays, 100),
      pollMs,
    };
  } finally {
    watching = false;
    await watcher;
    chain.destroy();
    await db.end();
  }
}
