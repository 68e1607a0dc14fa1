import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { ANCHOR_LOCK_KEY } from '#sigillo/chain';
import { SEQUENCER_LOCK_KEY } from '#sigillo/ledger';
import type { TcpProxy } from '../support/tcp-proxy.js';
import type { ChainControl } from './chain-control.js';
import type { PrivatePostgres } from './private-postgres.js';
import type { PrivateRedis } from './private-redis.js';
import type { ServiceProcess } from './service-process.js';

export type WorkerName = 'A' | 'B';

/** Each worker's sessions carry this application_name, so pg_locks tells who holds a lock. */
export const workerApplicationName = (name: WorkerName) => `chaos-worker-${name}`;

export class Timeline {
  readonly entries: { at: number; what: string }[] = [];
  constructor(private readonly t0: number) {}

  record(what: string): void {
    const at = Date.now() - this.t0;
    this.entries.push({ at, what });
    console.log(`[chaos +${(at / 1000).toFixed(1)} s] ${what}`);
  }
}

export interface ChaosContext {
  postgres: PrivatePostgres;
  redis: PrivateRedis;
  rpcProxy: TcpProxy;
  chain: ChainControl;
  workers: Record<WorkerName, ServiceProcess>;
  apis: { process: ServiceProcess; url: string }[];
  /** A pool on the run's database; its queries fail while PostgreSQL is down. */
  db: pg.Pool;
  simulatorUrl: string;
  timeline: Timeline;
  /** When PostgreSQL was down: the only time a 503 is expected. */
  postgresWindows: { from: number; to: number }[];
  /** When an api was shutting down: a 503 with Retry-After from it is expected then, a 500 never. */
  drainWindows: { url: string; from: number; to: number }[];
  findings: string[];
  /** The anchored tree size the reorg took off the chain, once it happened. */
  reorged?: bigint;
  /** Facts the summary prints (open attempts left by a kill, takeover times…). */
  notes: string[];
}

async function waitUntil<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** FLUSHALL, then a restart of the (persistence-free) server: every queued job and schedule is gone. */
export async function flushAndRestartRedis(ctx: ChaosContext): Promise<void> {
  await ctx.redis.flushAll();
  ctx.timeline.record('Redis FLUSHALL');
  await ctx.redis.stop();
  await sleep(1000);
  await ctx.redis.start();
  ctx.timeline.record('Redis restarted (empty)');
}

/**
 * Status webhooks during the kill below: held back past the workers' SEND_RECONCILE_WINDOW_MS and
 * half of them lost, so that one message in eight loses all three (sent, delivered, read).
 */
export const LOSSY_WEBHOOKS = { statusWebhookDelayMs: 20_000, statusWebhookDropRate: 0.5 };

/**
 * SIGKILL a worker while a batch of its sends waits on the provider: the simulator answers slowly
 * (it has accepted each message, and its statuses follow), so the killed worker never learns the
 * outcome of those attempts. Meanwhile status webhooks are late and lossy (LOSSY_WEBHOOKS), for the
 * cut sends and the sends around them. The restarted workers must reconcile the cut sends from
 * their status webhooks (biz_opaque_callback_data) instead of sending again; only a send whose
 * statuses were all lost may be sent twice, which the pipeline check counts apart.
 */
export async function killWorkerDuringSends(ctx: ChaosContext, name: WorkerName): Promise<void> {
  await setFailureModes(ctx.simulatorUrl, { sendLatencyMs: 1500, ...LOSSY_WEBHOOKS });
  let killedAt = new Date();
  try {
    const waiting = await waitUntil(
      'sends waiting on the simulator',
      async () => {
        const { rows } = await ctx.db.query<{ n: number }>(
          `SELECT COUNT(*)::int AS n FROM send_attempts WHERE finished_at IS NULL AND started_at < now() - interval '300 milliseconds'`,
        );
        return rows[0].n >= 5 ? rows[0].n : null;
      },
      60_000,
      50,
    );
    await ctx.workers[name].kill();
    killedAt = new Date();
    ctx.timeline.record(`SIGKILL worker ${name} with ${waiting} sends (both workers') waiting on the provider's answer`);
  } finally {
    await setFailureModes(ctx.simulatorUrl, { sendLatencyMs: 0 });
  }
  await sleep(2500);
  // Still without outcome after the slow answers are long in: the calls the kill cut.
  const { rows } = await ctx.db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM send_attempts WHERE finished_at IS NULL AND started_at < $1', [killedAt]);
  ctx.notes.push(`send attempts cut mid-call by the first kill (accepted by the provider, outcome unknown to us): ${rows[0].n}`);
  ctx.workers[name].start();
  ctx.timeline.record(`worker ${name} restarted (${rows[0].n} send attempts cut mid-call)`);
  // The outage of webhooks outlasts the kill a little: the sends just after the cut ones share it.
  await sleep(3000);
  await setFailureModes(ctx.simulatorUrl, { statusWebhookDelayMs: 0, statusWebhookDropRate: 0 });
  ctx.timeline.record('status webhooks on time and complete again');
}

export async function setFailureModes(simulatorUrl: string, modes: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${simulatorUrl}/_sim/failure-modes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(modes),
  });
  if (!res.ok) throw new Error(`simulator failure modes: ${res.status} ${await res.text()}`);
}

/** A fast shutdown (sessions cut, open transactions rolled back), 5 s down, then up again. */
export async function stopPostgres(ctx: ChaosContext, seconds = 5): Promise<void> {
  const from = Date.now();
  try {
    await ctx.postgres.stop('fast');
    ctx.timeline.record('PostgreSQL stopped (fast shutdown)');
    await sleep(seconds * 1000);
  } finally {
    await ctx.postgres.start();
    ctx.postgresWindows.push({ from, to: Date.now() });
    ctx.timeline.record('PostgreSQL started again');
  }
}

/** The services' chain RPC goes through a proxy: closing it makes the node unreachable. */
export async function cutChainRpc(ctx: ChaosContext, seconds = 10): Promise<void> {
  await ctx.rpcProxy.pause();
  ctx.timeline.record('chain RPC unreachable');
  try {
    await sleep(seconds * 1000);
  } finally {
    await ctx.rpcProxy.resume();
    ctx.timeline.record('chain RPC back');
  }
}

/** Snapshot, let one anchor land, revert to the snapshot: that anchor is gone from the chain. */
export async function reorgChain(ctx: ChaosContext): Promise<void> {
  const before = await ctx.chain.latest();
  const snapshot = await ctx.chain.snapshot();
  ctx.timeline.record(`evm_snapshot with tree size ${before.treeSize} anchored`);
  const landed = await waitUntil(
    'an anchor after the snapshot',
    async () => {
      const now = await ctx.chain.latest();
      return now.treeSize > before.treeSize ? now : null;
    },
    60_000,
  );
  if (!(await ctx.chain.revert(snapshot))) throw new Error('evm_revert refused the snapshot');
  ctx.reorged = landed.treeSize;
  ctx.timeline.record(`evm_revert: the anchor of tree size ${landed.treeSize} left the chain (back to ${before.treeSize})`);
}

export async function lockHolders(db: pg.Pool): Promise<{ sequencer: WorkerName | null; anchoring: WorkerName | null }> {
  const split = (key: bigint) => [(key >> 32n).toString(), (key & 0xffffffffn).toString()];
  const [seqHi, seqLo] = split(SEQUENCER_LOCK_KEY);
  const [ancHi, ancLo] = split(ANCHOR_LOCK_KEY);
  const { rows } = await db.query<{ app: string; hi: string; lo: string }>(
    `SELECT a.application_name AS app, l.classid::bigint::text AS hi, l.objid::bigint::text AS lo
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.locktype = 'advisory' AND l.granted`,
  );
  const holder = (hi: string, lo: string) => {
    const app = rows.find((r) => r.hi === hi && r.lo === lo)?.app;
    return app === workerApplicationName('A') ? 'A' : app === workerApplicationName('B') ? 'B' : null;
  };
  return { sequencer: holder(seqHi, seqLo), anchoring: holder(ancHi, ancLo) };
}

/**
 * With mining paused an anchor transaction stays pending; SIGKILL the worker holding the sequencer
 * lock (preferably while it also holds the anchoring lock), check the other one takes both jobs
 * over and confirms the pending anchor once blocks come again, then restart the killed one.
 */
export async function killLockHolderWithPendingAnchor(ctx: ChaosContext): Promise<void> {
  await ctx.chain.setAutomine(false);
  ctx.timeline.record('mining paused (evm_setAutomine false)');
  let killed: WorkerName | null = null;
  try {
    const pending = await waitUntil(
      'a pending anchor transaction',
      async () => {
        const { rows } = await ctx.db.query<{ tx_hash: string; tree_size: string }>(
          `SELECT tx_hash, tree_size::text FROM anchors WHERE status = 'SUBMITTED' LIMIT 1`,
        );
        return rows[0] && (await ctx.chain.pendingTransactions()) > 0 ? rows[0] : null;
      },
      60_000,
    );
    let holders = await lockHolders(ctx.db);
    const deadline = Date.now() + 10_000;
    while (!(holders.sequencer && holders.anchoring === holders.sequencer) && Date.now() < deadline) {
      await sleep(20);
      holders = await lockHolders(ctx.db);
    }
    const victim = holders.sequencer;
    if (!victim) throw new Error('no worker holds the sequencer lock');
    const both = holders.anchoring === victim;
    await ctx.workers[victim].kill();
    killed = victim;
    ctx.timeline.record(
      `SIGKILL worker ${victim} (holding the sequencer${both ? ' and anchoring' : ''} lock) with anchor tx of size ${pending.tree_size} pending`,
    );
    const other: WorkerName = victim === 'A' ? 'B' : 'A';
    await waitUntil(`worker ${other} to take the sequencer lock`, async () => (await lockHolders(ctx.db)).sequencer === other, 30_000);
    ctx.timeline.record(`worker ${other} took the sequencer lock over`);
    await ctx.chain.setAutomine(true);
    await ctx.chain.mine();
    ctx.timeline.record('mining resumed');
    await waitUntil(
      `the pending anchor (size ${pending.tree_size}) to be confirmed by worker ${other}`,
      async () => {
        const { rows } = await ctx.db.query<{ status: string }>('SELECT status FROM anchors WHERE tx_hash = $1 ORDER BY id DESC LIMIT 1', [pending.tx_hash]);
        return rows[0]?.status === 'CONFIRMED';
      },
      60_000,
    );
    ctx.timeline.record(`worker ${other} confirmed the anchor of size ${pending.tree_size} left pending by worker ${victim}`);
  } finally {
    await ctx.chain.setAutomine(true).catch(() => undefined);
    await ctx.chain.mine().catch(() => undefined);
    if (killed) {
      ctx.workers[killed].start();
      ctx.timeline.record(`worker ${killed} restarted`);
    }
  }
}
