// `npm run bench:ingest`: events/s the api accepts (202) with latency, and sends/s reaching the
// WhatsApp simulator. The api, the worker and the simulator run as their own processes, as
// deployed; autocannon drives the api from this one. A benchmark: it prints figures, asserts nothing.
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { deployNotificationLedger } from '../../libs/chain/src/deploy.js';
import { hardhatAccounts, startHardhatNode } from '../../libs/chain/src/local-node.js';
import { generateSignerKey } from '../../libs/ledger/src/checkpoint.js';
import { dropDatabase, ensureDatabase, migrateDatabase } from '../../libs/platform/src/database-setup.js';
import { repoRoot } from '../../libs/platform/src/repo-root.js';
import { bindDemoTemplates, ensureDemoTenant } from '../../scripts/dev/demo-tenant.js';
import { waitForApi } from '../../scripts/dev/wait-for-api.js';
import { formatNumber, median, printTable } from './stats.js';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const SEND_BATCH = Number(process.env.BENCH_SENDS ?? 10000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const API_PORT = 3290;
const SIM_PORT = 3291;
const CHAIN_PORT = 8591;

const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sigillo');
base.pathname = '/sigillo_bench_ingest';
const databaseUrl = base.toString();
const root = repoRoot();
const children: ChildProcess[] = [];

let counter = 0;
function event(): string {
  const n = counter++;
  return JSON.stringify({
    id: `bench-${process.pid}-${n}`,
    type: 'message.sent',
    occurredAt: new Date().toISOString(),
    // A different recipient each time: Meta's 6 s pair limit would otherwise pace the sends.
    recipient: { userId: `u${n}`, phone: `+39333${String(1_000_000 + (n % 8_999_999)).padStart(7, '0')}`, language: 'it' },
    data: { firstName: 'Giulia', messageSubject: `Ordine ${n}`, messageText: 'Il tuo preventivo è pronto', siteUrl: 'https://shop.example/area' },
  });
}

function start(name: string, script: string, env: NodeJS.ProcessEnv): void {
  // BENCH_PROFILE=api (or worker…) writes a V8 CPU profile of that process to /tmp/sigillo-profiles.
  const profile = process.env.BENCH_PROFILE === name ? ['--cpu-prof', '--cpu-prof-dir=/tmp/sigillo-profiles'] : [];
  const child = spawn(process.execPath, [...profile, join(root, script)], { env, cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => process.env.BENCH_LOGS && process.stderr.write(`[${name}] ${d}`));
  children.push(child);
}

async function simulatorCount(): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${SIM_PORT}/_sim/stats`);
  return ((await res.json()) as { messages: number }).messages;
}

async function main(): Promise<void> {
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  const chain = await startHardhatNode({ port: CHAIN_PORT });
  const [admin, anchorer] = hardhatAccounts;
  const { address } = await deployNotificationLedger({ rpcUrl: chain.url, deployerKey: admin.privateKey, admin: admin.address, anchorer: anchorer.address });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: `bench-${process.pid}`,
    CHAIN_RPC_URL: chain.url,
    LEDGER_CONTRACT_ADDRESS: address,
    CHECKPOINT_SIGNER_KEY: generateSignerKey('sigillo.local/ledger').signerKey,
    ANCHOR_PRIVATE_KEY: anchorer.privateKey,
    API_PORT: String(API_PORT),
    SIMULATOR_PORT: String(SIM_PORT),
    SIMULATOR_THROUGHPUT_PER_SECOND: '1000',
    LOG_LEVEL: 'warn',
    // One passweb key drives the whole load: the per-key rate limit would measure itself.
    RATE_LIMIT_PER_MINUTE: '1000000000',
  };
  const simulatorUrl = `http://127.0.0.1:${SIM_PORT}`;
  const apiUrl = `http://127.0.0.1:${API_PORT}`;
  try {
    start('simulator', 'dist/apps/wa-simulator/src/main.js', env);
    await waitForApi(simulatorUrl, AbortSignal.timeout(60_000), '/health');
    const tenant = await ensureDemoTenant(join(root, 'dist/apps/cli/src/main.js'), simulatorUrl, env);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query('UPDATE tenants SET throughput_per_second = 1000');
    start('api', 'dist/apps/api/src/main.js', env);
    await waitForApi(apiUrl, AbortSignal.timeout(60_000));
    await bindDemoTemplates(apiUrl, tenant.admin);
    await sleep(1500); // the api's catalog cache

    const headers = { authorization: `Bearer ${tenant.passweb}`, 'content-type': 'application/json' };
    const fire = (opts: { duration?: number; amount?: number }) =>
      autocannon({ url: `${apiUrl}/v1/events`, method: 'POST', connections: CONNECTIONS, headers, ...opts, requests: [{ setupRequest: (req) => ({ ...req, body: event() }) }] });
    const summary = (r: autocannon.Result, seconds: number) => ({ rps: r['2xx'] / seconds, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx });
    await fire({ duration: 3 }); // warm-up: JIT, connection pools, caches

    // 1. The api accepting events, the worker stopped: what intake alone sustains.
    const alone = [];
    for (let r = 0; r < RUNS; r++) alone.push(summary(await fire({ duration: DURATION_S }), DURATION_S));

    // 2. The worker starts on that backlog: the rate at which messages reach the simulator.
    const backlog = Number((await db.query('SELECT COUNT(*) FROM outbox')).rows[0].count);
    const measured = Math.min(backlog, SEND_BATCH);
    const before = await simulatorCount();
    start('worker', 'dist/apps/worker/src/main.js', env);
    const samples: { t: number; n: number }[] = [];
    for (;;) {
      const n = (await simulatorCount()) - before;
      samples.push({ t: performance.now(), n });
      if (n >= measured) break;
      await sleep(100);
    }
    // The slope between 10% and 90%: start-up and tail excluded.
    const from = samples.find((x) => x.n >= measured * 0.1)!;
    const to = samples.find((x) => x.n >= measured * 0.9)!;
    const sendRate = ((to.n - from.n) / (to.t - from.t)) * 1000;
    while ((await db.query('SELECT 1 FROM outbox LIMIT 1')).rowCount) await sleep(500);

    // 3. Both at once: events accepted while the worker sends them.
    const mixed = [];
    for (let r = 0; r < RUNS; r++) {
      const sentBefore = await simulatorCount();
      const t0 = performance.now();
      mixed.push({ ...summary(await fire({ duration: DURATION_S }), DURATION_S), sends: ((await simulatorCount()) - sentBefore) / ((performance.now() - t0) / 1000) });
      while ((await db.query('SELECT 1 FROM outbox LIMIT 1')).rowCount) await sleep(500);
    }
    await db.end();

    const m = (xs: { [k: string]: number }[], k: string) => median(xs.map((x) => x[k]));
    console.log(`\nIngest (api, worker and simulator as processes; ${CONNECTIONS} connections, ${DURATION_S} s runs, medians of ${RUNS}):`);
    printTable(
      ['measure', 'api alone', 'api while the worker sends'],
      [
        ['events accepted (202) per second', formatNumber(m(alone, 'rps')), formatNumber(m(mixed, 'rps'))],
        ['latency p50', `${formatNumber(m(alone, 'p50'), 1)} ms`, `${formatNumber(m(mixed, 'p50'), 1)} ms`],
        ['latency p99', `${formatNumber(m(alone, 'p99'), 1)} ms`, `${formatNumber(m(mixed, 'p99'), 1)} ms`],
        ['non-2xx answers (all runs)', formatNumber(alone.reduce((x, a) => x + a.non2xx, 0)), formatNumber(mixed.reduce((x, a) => x + a.non2xx, 0))],
        ['sends reaching the simulator per second', `${formatNumber(sendRate)} (draining a ${formatNumber(measured)}-message backlog)`, formatNumber(m(mixed, 'sends'))],
      ],
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await sleep(1500);
    await chain.stop();
    await dropDatabase(databaseUrl).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench:ingest failed: ${(err as Error).message}`);
    for (const c of children) c.kill('SIGKILL');
    process.exit(1);
  },
);
