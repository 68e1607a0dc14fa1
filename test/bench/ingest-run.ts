// The ingest benchmark as a function: events/s the api accepts (202) with latency, sends/s reaching
// the WhatsApp simulator and, optionally, the delay from an event to its anchoring on chain. The
// api, the worker and the simulator run as their own processes, as deployed; autocannon drives the
// api from this one. Prints nothing; `ingest.bench.ts` and `bench.ts` format the figures.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import pg from 'pg';
import { deployNotificationLedger, hardhatAccounts, startHardhatNode, dropDatabase, ensureDatabase, migrateDatabase } from '#sigillo/dev-stack';
import { LedgerContractClient } from '#sigillo/chain';
import { generateSignerKey } from '#sigillo/ledger';
import { repoRoot, redisConnection } from '#sigillo/platform';
import { bindDemoTemplates, DEMO_PHONE_NUMBER_ID, DEMO_TOKEN, ensureDemoTenant } from '../../scripts/dev/demo-tenant.js';
import { TENANT_CACHE_MS } from '#sigillo/tenants';
import { SEND_QUEUE } from '#sigillo/notifications';
import { waitForApi } from '../../scripts/dev/wait-for-api.js';
import { measureAnchorDelay, type AnchorDelayFigures } from './anchor-delay.js';
import { benchEvent } from './bench-event.js';
import { measureSimulatorCeiling } from './simulator-ceiling.js';
import { statusWebhooks, type SentMessage } from './status-webhooks.js';

// Meta's most for one phone number; lifted, the pipeline's own pace shows.
const META_CAP = 1000;
const LIFTED_CAP = 2000;
const APP_SECRET = 'bench-app-secret';

export interface IngestBenchOptions {
  databaseUrl: string;
  durationS: number;
  connections: number;
  /** Size of the backlog whose draining measures sends/s. */
  sendBatch: number;
  runs: number;
  apiPort: number;
  simulatorPort: number;
  /** A running chain; without it a Hardhat node is started on `chainPort`. */
  rpcUrl?: string;
  chainPort?: number;
  /** After the throughput phases: events at a steady rate, each timed until anchored on chain. */
  anchorDelay?: { rate: number; seconds: number };
  /** Stop after the drains (no mixed, status webhook or anchor runs): a quick A/B of the send path. */
  drainOnly?: boolean;
  onProgress?: (line: string) => void;
}

export interface LoadRun {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

export interface IngestBenchFigures {
  connections: number;
  durationS: number;
  /** Template sends/s the simulator alone takes, its cap lifted: the ceiling the drains are judged against. */
  simulatorCeiling: number[];
  /** The api accepting events with the worker stopped: what intake alone sustains. */
  alone: LoadRun[];
  /**
   * Messages/s reaching the simulator while the worker drains backlogs of `drained`: at Meta's
   * cap for one phone number (1,000/s, also the simulator's); with the cap lifted (2,000/s), what
   * the pipeline itself sustains; and so again with the three status webhooks of every message
   * POSTed to the api and applied by the worker.
   */
  sendRate: number;
  sendCapacity: number;
  sendRateWithStatuses: number;
  drained: number;
  /** The api accepting events while the worker sends them (status webhooks off). */
  mixed: (LoadRun & { sends: number })[];
  /**
   * Meta's status webhooks for messages already sent, one status per POST, posted at the api
   * while the worker applies them: what the api accepts (Meta asks for 3 per message sent), and
   * statuses applied per second from the first POST until all `statuses` are recorded.
   */
  webhooks: { runs: LoadRun[]; statuses: number; appliedPerSecond: number; unapplied: number };
  anchorDelay: AnchorDelayFigures | null;
  /** What the api and worker ran with (the apps' defaults unless the bench overrides them). */
  settings: Record<string, string>;
}

export async function runIngestBench(opts: IngestBenchOptions): Promise<IngestBenchFigures> {
  const say = opts.onProgress ?? (() => undefined);
  const root = repoRoot();
  const children: ChildProcess[] = [];
  const start = (name: string, script: string, env: NodeJS.ProcessEnv): void => {
    // BENCH_PROFILE=api (or worker…) writes a V8 CPU profile of that process to /tmp/sigillo-profiles.
    const profile = process.env.BENCH_PROFILE === name ? ['--cpu-prof', '--cpu-prof-dir=/tmp/sigillo-profiles'] : [];
    const child = spawn(process.execPath, [...profile, join(root, script)], { env, cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => process.env.BENCH_LOGS && process.stderr.write(`[${name}] ${d}`));
    children.push(child);
  };
  const { databaseUrl } = opts;
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  const ownNode = opts.rpcUrl ? null : await startHardhatNode({ port: opts.chainPort ?? 8591 });
  const rpcUrl = opts.rpcUrl ?? ownNode!.url;
  const [admin, anchorer] = hardhatAccounts;
  const { address } = await deployNotificationLedger({ rpcUrl, deployerKey: admin.privateKey, admin: admin.address, anchorer: anchorer.address });
  const settings = {
    // One passweb key drives the whole load: the per-key rate limit would measure itself.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    SIMULATOR_THROUGHPUT_PER_SECOND: String(META_CAP),
    LOG_LEVEL: 'warn',
  };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...settings,
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `bench-${process.pid}`,
    CHAIN_RPC_URL: rpcUrl,
    LEDGER_CONTRACT_ADDRESS: address,
    CHECKPOINT_SIGNER_KEY: generateSignerKey('sigillo.local/ledger').signerKey,
    ANCHOR_PRIVATE_KEY: anchorer.privateKey,
    API_PORT: String(opts.apiPort),
    SIMULATOR_PORT: String(opts.simulatorPort),
    WHATSAPP_APP_SECRET: APP_SECRET,
    SIMULATOR_APP_SECRET: APP_SECRET,
  };
  const simulatorUrl = `http://127.0.0.1:${opts.simulatorPort}`;
  const apiUrl = `http://127.0.0.1:${opts.apiPort}`;
  const simulatorCount = async (): Promise<number> => {
    const res = await fetch(`${simulatorUrl}/_sim/stats`);
    return ((await res.json()) as { messages: number }).messages;
  };
  const db = new pg.Client({ connectionString: databaseUrl });
  try {
    start('simulator', 'dist/apps/wa-simulator/src/main.js', env);
    await waitForApi(simulatorUrl, AbortSignal.timeout(60_000), '/health');
    const tenant = await ensureDemoTenant(join(root, 'dist/apps/cli/src/main.js'), simulatorUrl, env);
    await db.connect();
    await db.query('UPDATE tenants SET throughput_per_second = $1', [META_CAP]);
    const simulatorCeiling = await measureSimulatorCeiling({
      simulatorUrl,
      phoneNumberId: DEMO_PHONE_NUMBER_ID,
      accessToken: DEMO_TOKEN,
      connections: opts.connections,
      durationS: Math.min(opts.durationS, 5),
      runs: opts.runs,
      onProgress: say,
    });
    start('api', 'dist/apps/api/src/main.js', env);
    await waitForApi(apiUrl, AbortSignal.timeout(60_000));
    await bindDemoTemplates(apiUrl, tenant.admin);
    await sleep(1500); // the api's catalog cache

    const headers = { authorization: `Bearer ${tenant.passweb}`, 'content-type': 'application/json' };
    const fire = (o: { duration?: number; amount?: number }) =>
      autocannon({
        url: `${apiUrl}/v1/events`,
        method: 'POST',
        connections: opts.connections,
        headers,
        ...o,
        requests: [{ setupRequest: (req) => ({ ...req, body: benchEvent() }) }],
      });
    const summary = (r: autocannon.Result, seconds: number): LoadRun => ({ rps: r['2xx'] / seconds, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx });
    say('warm-up');
    await fire({ duration: 3 }); // JIT, connection pools, caches

    // 1. The api accepting events, the worker stopped: what intake alone sustains.
    const alone: LoadRun[] = [];
    for (let r = 0; r < opts.runs; r++) {
      say(`api alone, run ${r + 1}/${opts.runs}`);
      alone.push(summary(await fire({ duration: opts.durationS }), opts.durationS));
    }

    // 2. The worker starts on that backlog: the rate at which messages reach the simulator, at
    // Meta's cap, with the cap lifted, and with status webhooks flowing back.
    const backlog = Number((await db.query('SELECT COUNT(*) FROM outbox')).rows[0].count);
    const drained = Math.min(Math.floor(backlog / 3), opts.sendBatch);
    const simulator = (path: string, body: unknown) =>
      fetch(`${simulatorUrl}/_sim/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // The api-alone runs left ~2 ledger entries per event to integrate; the worker does that
    // first, with sends paused, so that the drains measure sending and not the ledger catching up.
    const sendQueue = new Queue(SEND_QUEUE, { connection: redisConnection(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'), prefix: env.QUEUE_PREFIX });
    try {
      await sendQueue.pause();
      say('worker integrating the ledger backlog, sends paused');
      start('worker', 'dist/apps/worker/src/main.js', env);
      while ((await db.query('SELECT 1 FROM ledger_entries WHERE seq IS NULL LIMIT 1')).rowCount) await sleep(500);
      say(`worker draining ${drained} sends at Meta's cap (${META_CAP}/s)`);
      await sendQueue.resume();
    } finally {
      await sendQueue.close();
    }
    const sendRate = await drainRate(simulatorCount, drained);
    say(`worker draining ${drained} sends, cap lifted to ${LIFTED_CAP}/s`);
    await db.query('UPDATE tenants SET throughput_per_second = $1', [LIFTED_CAP]);
    await simulator('failure-modes', { throughputPerSecond: LIFTED_CAP });
    await sleep(TENANT_CACHE_MS + 500); // the worker's tenant cache
    const sendCapacity = await drainRate(simulatorCount, drained);
    say(`worker draining ${drained} sends, cap lifted, status webhooks on`);
    await simulator('webhook-url', { url: `${apiUrl}/v1/webhooks/whatsapp` });
    const sendRateWithStatuses = await drainRate(simulatorCount, drained);
    // Off again: the runs below measure the api and the sends, as before this phase existed.
    await simulator('webhook-url', { url: null });
    if (opts.drainOnly) {
      const webhooks = { runs: [], statuses: 0, appliedPerSecond: NaN, unapplied: 0 };
      return {
        connections: opts.connections,
        durationS: opts.durationS,
        simulatorCeiling,
        alone,
        sendRate,
        sendCapacity,
        sendRateWithStatuses,
        drained,
        mixed: [],
        webhooks,
        anchorDelay: null,
        settings,
      };
    }
    while ((await db.query('SELECT 1 FROM outbox LIMIT 1')).rowCount) await sleep(500);

    // 3. Both at once: events accepted while the worker sends them.
    const mixed: IngestBenchFigures['mixed'] = [];
    for (let r = 0; r < opts.runs; r++) {
      say(`api while the worker sends, run ${r + 1}/${opts.runs}`);
      const sentBefore = await simulatorCount();
      const t0 = performance.now();
      mixed.push({
        ...summary(await fire({ duration: opts.durationS }), opts.durationS),
        sends: ((await simulatorCount()) - sentBefore) / ((performance.now() - t0) / 1000),
      });
      while ((await db.query('SELECT 1 FROM outbox LIMIT 1')).rowCount) await sleep(500);
    }

    // 4. Meta's status webhooks for those messages, as fast as the api takes them.
    const webhooks = await postStatusWebhooks({ db, apiUrl, connections: opts.connections, durationS: opts.durationS, runs: opts.runs, say, summary });

    // 5. Event → anchored on chain, at a steady rate with the whole stack running.
    let anchorDelay: AnchorDelayFigures | null = null;
    if (opts.anchorDelay) {
      say(`event → anchored: ${opts.anchorDelay.rate}/s for ${opts.anchorDelay.seconds} s`);
      await waitForAnchoredBacklog(db, rpcUrl, address);
      anchorDelay = await measureAnchorDelay({
        apiUrl,
        headers,
        databaseUrl,
        tenantId: tenant.tenantId,
        rpcUrl,
        contract: address,
        ...opts.anchorDelay,
        event: benchEvent,
      });
    }
    return {
      connections: opts.connections,
      durationS: opts.durationS,
      simulatorCeiling,
      alone,
      sendRate,
      sendCapacity,
      sendRateWithStatuses,
      drained,
      mixed,
      webhooks,
      anchorDelay,
      settings,
    };
  } finally {
    await db.end().catch(() => undefined);
    await stopChildren(children);
    await ownNode?.stop();
    await dropDatabase(databaseUrl).catch(() => undefined);
  }
}

/**
 * Signed status webhooks (sent, delivered, read) for messages the worker sent with webhooks off,
 * posted at the api for `runs` × `durationS` with the worker applying them; then waits (up to
 * two minutes) until every stored payload is processed and every status recorded.
 */
async function postStatusWebhooks(o: {
  db: pg.Client;
  apiUrl: string;
  connections: number;
  durationS: number;
  runs: number;
  say: (line: string) => void;
  summary: (r: autocannon.Result, seconds: number) => LoadRun;
}): Promise<IngestBenchFigures['webhooks']> {
  // Enough for the api at ~6,000 webhooks/s; on a slower day the list simply runs on.
  const wanted = Math.ceil((o.runs * o.durationS * 6000) / 3);
  const { rows } = await o.db.query<{ id: string; wamid: string; recipient: string; phone_number_id: string; waba_id: string }>(
    `SELECT n.id::text AS id, n.wamid, n.recipient, t.phone_number_id, t.waba_id
       FROM notifications n JOIN tenants t ON t.id = n.tenant_id
      WHERE n.wamid IS NOT NULL AND n.recipient IS NOT NULL AND NOT EXISTS (SELECT 1 FROM message_statuses s WHERE s.wamid = n.wamid)
      LIMIT $1`,
    [wanted],
  );
  const messages: SentMessage[] = rows.map((r) => ({
    notificationId: r.id,
    wamid: r.wamid,
    recipient: r.recipient,
    phoneNumberId: r.phone_number_id,
    wabaId: r.waba_id,
  }));
  const hooks = statusWebhooks(messages, APP_SECRET);
  let next = 0;
  const fire = () =>
    autocannon({
      url: `${o.apiUrl}/v1/webhooks/whatsapp`,
      method: 'POST',
      connections: o.connections,
      duration: o.durationS,
      // Past the end of the list the same deliveries come again, as Meta's retries do: stored, applied as no-ops.
      requests: [
        {
          setupRequest: (req) => {
            const h = hooks[next++ % hooks.length];
            return { ...req, body: h.body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': h.signature } };
          },
        },
      ],
    });
  const recorded = async () => Number((await o.db.query('SELECT COUNT(*) FROM message_statuses WHERE recorded_at IS NOT NULL')).rows[0].count);
  const before = await recorded();
  const t0 = performance.now();
  const runs: LoadRun[] = [];
  for (let r = 0; r < o.runs; r++) {
    o.say(`status webhooks (${hooks.length} for ${messages.length} messages), run ${r + 1}/${o.runs}`);
    runs.push(o.summary(await fire(), o.durationS));
  }
  o.say('worker applying the stored status webhooks');
  const deadline = Date.now() + 120_000;
  let unapplied = 0;
  for (;;) {
    const { rows: left } = await o.db.query<{ n: string }>(
      `SELECT (SELECT COUNT(*) FROM webhook_payloads WHERE processed_at IS NULL) + (SELECT COUNT(*) FROM message_statuses WHERE recorded_at IS NULL) AS n`,
    );
    unapplied = Number(left[0].n);
    if (unapplied === 0 || Date.now() > deadline) break;
    await sleep(200);
  }
  const statuses = (await recorded()) - before;
  return { runs, statuses, appliedPerSecond: statuses / ((performance.now() - t0) / 1000), unapplied };
}

/** Messages/s reaching the simulator over the next `count` of them: the slope from 10% to 90%, start-up and tail excluded. */
async function drainRate(simulatorCount: () => Promise<number>, count: number): Promise<number> {
  const before = await simulatorCount();
  const samples: { t: number; n: number }[] = [];
  for (;;) {
    const n = (await simulatorCount()) - before;
    samples.push({ t: performance.now(), n });
    if (n >= count * 0.9) break;
    // The backlog ran out first (a quick run's small one): the slope of what did arrive.
    const stalled = samples.find((x) => x.n === n);
    if (stalled && performance.now() - stalled.t > 10_000) break;
    await sleep(100);
  }
  const from = samples.find((x) => x.n >= count * 0.1) ?? samples[0];
  // The first moment the final count was reached: a stall at the end is not part of the slope.
  const to = samples.find((x) => x.n === samples[samples.length - 1].n)!;
  return to.t > from.t ? ((to.n - from.n) / (to.t - from.t)) * 1000 : NaN;
}

/** The throughput phases leave a backlog of entries; the delay is measured once it is anchored. */
async function waitForAnchoredBacklog(db: pg.Client, rpcUrl: string, contract: string): Promise<void> {
  const chain = new LedgerContractClient(rpcUrl, contract, hardhatAccounts[4].privateKey);
  const deadline = Date.now() + 120_000;
  try {
    for (;;) {
      const { rows } = await db.query<{ pending: boolean; size: string }>(
        `SELECT EXISTS (SELECT 1 FROM ledger_entries WHERE seq IS NULL) AS pending, COALESCE(MAX(seq) + 1, 0)::text AS size FROM ledger_entries`,
      );
      if (!rows[0].pending && (await chain.latest()).treeSize >= BigInt(rows[0].size)) return;
      if (Date.now() > deadline) return; // measured anyway: the figures will show the backlog
      await sleep(500);
    }
  } finally {
    chain.destroy();
  }
}

async function stopChildren(children: ChildProcess[]): Promise<void> {
  const exited = children.map((c) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise<void>((r) => c.once('exit', () => r()))));
  for (const c of children) c.kill('SIGTERM');
  const killed = setTimeout(() => children.forEach((c) => c.kill('SIGKILL')), 10_000);
  await Promise.all(exited);
  clearTimeout(killed);
}
