// `npm run test:chaos`: two apis, two workers, the simulator and a Hardhat node as separate
// processes on a PostgreSQL and a Redis of the run's own, under a steady Passweb load with reposts,
// while every api and worker is restarted by SIGTERM in turn, workers are SIGKILLed, Redis is
// emptied and restarted, PostgreSQL stops for 5 s, the chain RPC goes away for 10 s and the chain
// reorganises. Then it checks that exactly one WhatsApp
// message went out per allowed event and that everything accepted is in the anchored ledger.
// Exit 0 only when every check passed. CHAOS_EVENTS (default 10,000) sizes the run.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { generateSignerKey, toHex } from '#sigillo/ledger';
import { ensureDatabase, migrateDatabase } from '#sigillo/dev-stack';
import { repoRoot } from '#sigillo/platform';
import { DEMO_PROMOTION_BINDING } from '../../scripts/dev/demo-bindings.js';
import { bindDemoTemplates, ensureDemoTenant } from '../../scripts/dev/demo-tenant.js';
import { waitForApi } from '../../scripts/dev/wait-for-api.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { freePort, startTestChain, type TestChain } from '../support/test-stack.js';
import { ChainControl } from './chain-control.js';
import {
  cutChainRpc,
  flushAndRestartRedis,
  killLockHolderWithPendingAnchor,
  killWorkerDuringSends,
  lockHolders,
  reorgChain,
  setFailureModes,
  stopPostgres,
  Timeline,
  workerApplicationName,
  type ChaosContext,
  type WorkerName,
} from './faults.js';
import { checkCheckpointChain } from './ledger-check.js';
import { AnswerLog, PasswebClient } from './passweb-client.js';
import { MARKETING_EVENT, PasswebLoad, planEvents, type LoadResult } from './passweb-load.js';
import { checkPipeline, type SimMessage } from './pipeline-check.js';
import { PrivatePostgres } from './private-postgres.js';
import { PrivateRedis } from './private-redis.js';
import { rollingRestart } from './rolling-restart.js';
import { expectedBecause, webhookServerErrors } from './server-errors.js';
import { ServiceProcess } from './service-process.js';
import { waitSettled } from './settle.js';
import { printTable } from './table.js';
import { startWebhookForgery } from './webhook-forgery.js';

const EVENTS = Number(process.env.CHAOS_EVENTS ?? 10_000);
// Slow enough that the faults land while events still arrive.
const LOAD_SECONDS = Number(process.env.CHAOS_LOAD_SECONDS ?? Math.max(75, Math.ceil(EVENTS / 70)));
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 24);
const SETTLE_SECONDS = Number(process.env.CHAOS_SETTLE_SECONDS ?? 300);
const APP_SECRET = 'chaos-app-secret';
const ORIGIN = 'sigillo.chaos/ledger';

const root = repoRoot();
const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;

interface Stack {
  dir: string;
  logDir: string;
  postgres?: PrivatePostgres;
  redis?: PrivateRedis;
  chain?: TestChain;
  rpcProxy?: TcpProxy;
  control?: ChainControl;
  db?: pg.Pool;
  processes: ServiceProcess[];
}

async function main(): Promise<number> {
  const started = Date.now();
  const dir = await mkdtemp(join(tmpdir(), 'sigillo-chaos-'));
  await chmod(dir, 0o755); // the private PostgreSQL runs as another OS user and must reach its data dir
  const stack: Stack = { dir, logDir: join(dir, 'logs'), processes: [] };
  await mkdir(stack.logDir);
  const stopOnSignal = () => void cleanup(stack).finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  let failed = true;
  try {
    failed = !(await run(stack, started));
    return failed ? 1 : 0;
  } finally {
    if (failed) await printLogTails(stack.logDir);
    await cleanup(stack);
  }
}

async function run(stack: Stack, started: number): Promise<boolean> {
  console.log(`chaos: ${EVENTS} events over ~${LOAD_SECONDS} s, ${CONCURRENCY} in flight; logs in ${stack.logDir} (removed at the end)`);
  stack.postgres = await PrivatePostgres.create(join(stack.dir, 'pg'), await freePort());
  stack.redis = await PrivateRedis.create(await freePort(), join(stack.logDir, 'redis.log'));
  stack.chain = await startTestChain();
  stack.rpcProxy = await startTcpProxy({ target: stack.chain.url });
  stack.control = new ChainControl(stack.chain.url, stack.chain.chainId, stack.chain.contract);
  const databaseUrl = `${stack.postgres.url}/sigillo_chaos`;
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4, application_name: 'chaos-run' });
  db.on('error', () => undefined); // PostgreSQL goes away on purpose
  stack.db = db;

  const [apiPortA, apiPortB, simPort] = [await freePort(), await freePort(), await freePort()];
  const apiUrls = [`http://127.0.0.1:${apiPortA}`, `http://127.0.0.1:${apiPortB}`];
  const simulatorUrl = `http://127.0.0.1:${simPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_URL: stack.redis.url,
    QUEUE_PREFIX: `chaos-${runId}`,
    CHAIN_RPC_URL: stack.rpcProxy.url,
    LEDGER_CONTRACT_ADDRESS: stack.chain.contract,
    LEDGER_ORIGIN: ORIGIN,
    CHECKPOINT_SIGNER_KEY: generateSignerKey(ORIGIN).signerKey,
    ANCHOR_PRIVATE_KEY: stack.chain.anchorerKey,
    ANCHOR_INTERVAL_MS: '1000',
    ANCHOR_MAX_BACKOFF_MS: '3000',
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'chaos-verify-token',
    LOG_LEVEL: 'warn',
    // One passweb key drives the whole load.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    SEND_BACKOFF_BASE_MS: '200',
    // A send cut by a kill waits at least 10 s for a status echoing it, and longer while the sends
    // around it lack theirs too (webhooks late: the kill's, or held up by the PostgreSQL outage plus
    // a webhook job lost with Redis), at most 60 s, so the run settles.
    SEND_RECONCILE_WINDOW_MS: '10000',
    SEND_RECONCILE_MAX_WAIT_MS: '60000',
    OUTBOX_REDISPATCH_MS: '10000',
  };
  const spawnService = (name: string, script: string, extra: NodeJS.ProcessEnv) => {
    const p = new ServiceProcess(name, script, { ...env, ...extra }, stack.logDir);
    stack.processes.push(p);
    return p;
  };
  const simulator = spawnService('simulator', 'dist/apps/wa-simulator/src/main.js', {
    SIMULATOR_PORT: String(simPort),
    SIMULATOR_APP_SECRET: APP_SECRET,
    SIMULATOR_WEBHOOK_URL: `${apiUrls[1]}/v1/webhooks/whatsapp`,
    SIMULATOR_THROUGHPUT_PER_SECOND: '1000',
    // Meta retries webhooks for days; 12 doubling tries from 250 ms outlast any outage here.
    SIMULATOR_WEBHOOK_MAX_ATTEMPTS: '12',
  });
  simulator.start();
  await waitForApi(simulatorUrl, AbortSignal.timeout(60_000), '/health');
  const tenant = await ensureDemoTenant(join(root, 'dist/apps/cli/src/main.js'), simulatorUrl, env);
  await db.query('UPDATE tenants SET throughput_per_second = 500');

  const apis = [apiPortA, apiPortB].map((port, i) => spawnService(`api-${'AB'[i]}`, 'dist/apps/api/src/main.js', { API_PORT: String(port) }));
  for (const a of apis) a.start();
  for (const url of apiUrls) await waitForApi(url, AbortSignal.timeout(60_000));
  await bindDemoTemplates(apiUrls[0], tenant.admin);
  const promo = await fetch(`${apiUrls[0]}/v1/bindings/${MARKETING_EVENT}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${tenant.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_PROMOTION_BINDING),
  });
  if (!promo.ok) throw new Error(`binding ${MARKETING_EVENT} to the promotion: ${promo.status} ${await promo.text()}`);

  const workerUrl = (name: WorkerName) => `${databaseUrl}?application_name=${workerApplicationName(name)}`;
  const workers = {
    A: spawnService('worker-A', 'dist/apps/worker/src/main.js', { DATABASE_URL: workerUrl('A') }),
    B: spawnService('worker-B', 'dist/apps/worker/src/main.js', { DATABASE_URL: workerUrl('B') }),
  };
  workers.A.start();
  workers.B.start();
  await waitFor('both workers connected and one sequencing', 60_000, async () => {
    const { rows } = await db.query<{ n: number }>(
      `SELECT COUNT(DISTINCT application_name)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'chaos-worker-%'`,
    );
    return rows[0].n === 2 && (await lockHolders(db)).sequencer !== null;
  });
  // 5% of sends answered with a transient error (131000, 131016), 2% fail on delivery,
  // every webhook POSTed twice and statuses newest first.
  await setFailureModes(simulatorUrl, { transientErrorRate: 0.05, failureRate: 0.02, duplicateWebhooks: true, outOfOrder: true });
  await sleep(1500); // the apis' catalog cache (1 s) sees the promotion binding

  const t0 = Date.now();
  const ctx: ChaosContext = {
    postgres: stack.postgres,
    redis: stack.redis,
    rpcProxy: stack.rpcProxy,
    chain: stack.control,
    workers,
    db,
    simulatorUrl,
    timeline: new Timeline(t0),
    postgresWindows: [],
    apis: apis.map((process, i) => ({ process, url: apiUrls[i] })),
    drainWindows: [],
    findings: [],
    notes: [],
  };
  const answers = new AnswerLog();
  const load = new PasswebLoad(new PasswebClient(apiUrls, tenant.passweb, answers), planEvents(EVENTS, runId), LOAD_SECONDS, CONCURRENCY);
  const forgery = await startWebhookForgery(db, apiUrls, APP_SECRET, tenant.tenantId, () => load.progress);
  ctx.timeline.record(`load started: ${EVENTS} events`);
  const [result] = await Promise.all([
    load.run().then((r) => {
      ctx.timeline.record('load finished');
      return r;
    }),
    runFaults(ctx, () => load.progress),
  ]);
  const loadSeconds = (Date.now() - t0) / 1000;

  const messages = async () => (await (await fetch(`${simulatorUrl}/_sim/messages`)).json()) as SimMessage[];
  // Counts only while waiting: the whole message list is megabytes, and polling it would starve the simulator.
  const expectedStatuses = async () => {
    const stats = (await (await fetch(`${simulatorUrl}/_sim/stats`)).json()) as { statuses: number; webhooksPending: number };
    return stats.webhooksPending === 0 ? stats.statuses : Number.POSITIVE_INFINITY;
  };
  const settleStarted = Date.now();
  const settled = await waitSettled(db, stack.control, expectedStatuses, SETTLE_SECONDS * 1000);
  const settleSeconds = (Date.now() - settleStarted) / 1000;
  ctx.timeline.record(settled.settled ? 'settled: outbox drained, sends final, statuses recorded, log sequenced and anchored' : 'NOT settled in time');
  if (!settled.settled) ctx.findings.push(`not settled within ${SETTLE_SECONDS} s: ${JSON.stringify(settled.last)}`);

  // The checks.
  const findings = ctx.findings;
  const simMessages = await messages();
  const pipeline = await checkPipeline(db, result, simMessages, findings);
  await forgery.check(simMessages, findings, ctx.notes);
  const tree = await checkCheckpointChain(db);
  findings.push(...tree.findings);
  const onChain = await stack.control.latest();
  const anchoredRootOk = tree.finalRoot !== null && onChain.treeSize === tree.finalSize && onChain.root === `0x${toHex(tree.finalRoot)}`;
  if (!anchoredRootOk)
    findings.push(`the chain's latest anchor (size ${onChain.treeSize}, root ${onChain.root}) is not the ledger's root at its size ${tree.finalSize}`);
  const audit = await runAudit({ ...process.env, DATABASE_URL: databaseUrl, CHAIN_RPC_URL: stack.chain.url, LEDGER_CONTRACT_ADDRESS: stack.chain.contract });
  const auditLine = (audit.stdout.trim().split('\n').at(-1) ?? audit.stderr.trim()).slice(0, 200);
  if (audit.code !== 0) findings.push(`sigillo audit exited ${audit.code}: ${audit.stdout.trim().slice(0, 1500)} ${audit.stderr.trim().slice(0, 500)}`);

  // Every 5xx any client got (Passweb's load and Meta's webhooks): a 500 fails the run whenever it came.
  const all5xx = [...answers.serverErrors.map((e) => ({ ...e, what: `${e.status} ${e.path} ${e.body}` })), ...(await webhookServerErrors(simulatorUrl))];
  const because = all5xx.map((e) => expectedBecause(e, { postgres: ctx.postgresWindows, drains: ctx.drainWindows }));
  const unavailableInWindow = because.filter((b) => b === 'postgres down').length;
  const unavailableDraining = because.filter((b) => b === 'api draining').length;
  const stray5xx = all5xx.filter((_, i) => because[i] === null);
  if (stray5xx.length > 0)
    findings.push(
      `${stray5xx.length} 5xx answers that were neither 503 while PostgreSQL was down nor 503 with Retry-After from a draining api: ${stray5xx
        .slice(0, 5)
        .map((e) => e.what)
        .join('; ')}`,
    );
  if (result.inconsistent.length > 0) findings.push(`${result.inconsistent.length} inconsistent answers: ${result.inconsistent.slice(0, 5).join('; ')}`);
  if (result.unexpectedDecisions.length > 0)
    findings.push(`${result.unexpectedDecisions.length} unexpected decisions: ${result.unexpectedDecisions.slice(0, 5).join('; ')}`);
  if (answers.givenUp.length > 0) findings.push(`${answers.givenUp.length} requests never answered: ${answers.givenUp.slice(0, 3).join('; ')}`);
  const conflicts409 = result.conflictAnswers.get(409) ?? 0;
  if (conflicts409 !== result.conflictsSent) findings.push(`${result.conflictsSent} conflicting bodies sent, ${conflicts409} answered 409`);
  for (const p of stack.processes) findings.push(...p.unexpectedExits);
  const { rows: anchorRows } = await db.query<{ status: string; n: number }>('SELECT status::text, COUNT(*)::int AS n FROM anchors GROUP BY 1');
  const anchorsBy = new Map(anchorRows.map((r) => [r.status, r.n]));
  if (!ctx.timeline.entries.some((e) => e.what.startsWith('evm_revert'))) findings.push('the reorg did not happen');
  else findings.push(...(await reorgFindings(db, stack.control, ctx.reorged!)));
  const { rows: reconciled } = await db.query<{ n: number }>(
    `SELECT COUNT(*)::int AS n FROM ledger_entries WHERE type IN ('message.submitted', 'message.submitted/v2') AND body->>'reconciled' = 'true'`,
  );
  ctx.notes.push(`sends recorded from their status webhooks instead of being sent again (reconciled): ${reconciled[0].n}`);
  const { rows: givenUp } = await db.query<{ outcome: string; n: number }>(
    `SELECT outcome, COUNT(*)::int AS n FROM send_attempts WHERE outcome IN ('unknown', 'accepted-late') GROUP BY 1`,
  );
  const byOutcome = new Map(givenUp.map((r) => [r.outcome, r.n]));
  ctx.notes.push(
    `attempts given up on and sent again: ${(byOutcome.get('unknown') ?? 0) + (byOutcome.get('accepted-late') ?? 0)} ` +
      `(${byOutcome.get('accepted-late') ?? 0} later proved accepted by a late status and ledgered; ${pipeline.duplicatesUnseen} accepted with every status webhook lost)`,
  );
  const simStats = (await (await fetch(`${simulatorUrl}/_sim/stats`)).json()) as { messages: number; webhooks: number };

  printSummary({
    result,
    answers,
    pipeline,
    unavailableInWindow,
    unavailableDraining,
    stray5xx: stray5xx.length,
    tree,
    onChain,
    anchorsBy,
    auditLine,
    auditCode: audit.code,
    simStats,
    loadSeconds,
    settleSeconds,
    total: (Date.now() - started) / 1000,
  });
  console.log('\nFaults:');
  for (const e of ctx.timeline.entries) console.log(`  +${(e.at / 1000).toFixed(1).padStart(6)} s  ${e.what}`);
  for (const n of ctx.notes) console.log(`  note: ${n}`);
  for (const c of answers.connectionErrorKinds.slice(0, 10)) console.log(`  note: request without an answer (retried): ${c}`);
  if (findings.length === 0) {
    console.log('\nchaos: PASSED');
    return true;
  }
  console.log(`\nchaos: FAILED (${findings.length} problem${findings.length === 1 ? '' : 's'})`);
  for (const f of findings) console.log(`  - ${f}`);
  return false;
}

/**
 * The anchor the reorg took off the chain must end marked orphaned, unless its transaction was
 * mined again after the revert (a node may return reverted transactions to its pool): then it is
 * on the chain and recorded confirmed. Anything else means the worker lost track of it.
 */
async function reorgFindings(db: pg.Pool, chain: ChainControl, treeSize: bigint): Promise<string[]> {
  const { rows } = await db.query<{ status: string; tx_hash: string }>('SELECT status::text, tx_hash FROM anchors WHERE tree_size = $1', [treeSize.toString()]);
  if (rows.some((r) => r.status === 'ORPHANED')) return [];
  const remined = await Promise.all(rows.filter((r) => r.status === 'CONFIRMED').map((r) => chain.isMined(r.tx_hash)));
  if (remined.length > 0 && remined.every(Boolean)) return [];
  return [`the anchor of tree size ${treeSize} the reorg removed is neither orphaned nor on the chain: ${JSON.stringify(rows.map((r) => r.status))}`];
}

/** The faults, in order, each once the load has reached its share; a fault that fails is a finding. */
async function runFaults(ctx: ChaosContext, progress: () => number): Promise<void> {
  const schedule: [number, string, () => Promise<void>][] = [
    // Redis first: anchoring after it shows the schedules came back without any restart.
    [0.08, 'Redis FLUSHALL and restart', () => flushAndRestartRedis(ctx)],
    [0.18, 'reorg', () => reorgChain(ctx)],
    [0.24, 'rolling restart of both apis and both workers by SIGTERM', () => rollingRestart(ctx)],
    [0.32, 'SIGKILL a worker during sends', () => killWorkerDuringSends(ctx, 'A')],
    [0.45, 'PostgreSQL down 5 s', () => stopPostgres(ctx, 5)],
    [0.6, 'chain RPC down 10 s', () => cutChainRpc(ctx, 10)],
    [0.72, 'SIGKILL the lock holder with an anchor pending', () => killLockHolderWithPendingAnchor(ctx)],
  ];
  for (const [at, name, fault] of schedule) {
    while (progress() < at) await sleep(100);
    try {
      await fault();
    } catch (err) {
      ctx.timeline.record(`fault "${name}" did not complete: ${(err as Error).message}`);
      ctx.findings.push(`fault "${name}" did not complete: ${(err as Error).message}`);
    }
  }
}

function printSummary(s: {
  result: LoadResult;
  answers: AnswerLog;
  pipeline: Awaited<ReturnType<typeof checkPipeline>>;
  unavailableInWindow: number;
  unavailableDraining: number;
  stray5xx: number;
  tree: Awaited<ReturnType<typeof checkCheckpointChain>>;
  onChain: { treeSize: bigint };
  anchorsBy: Map<string, number>;
  auditLine: string;
  auditCode: number | null;
  simStats: { messages: number; webhooks: number };
  loadSeconds: number;
  settleSeconds: number;
  total: number;
}): void {
  const n = (x: number | bigint) => x.toLocaleString('en-US');
  const skips = [...s.pipeline.skipByReason]
    .sort()
    .map(([r, c]) => `${r} ${n(c)}`)
    .join(', ');
  console.log('\nChaos run summary:');
  printTable(
    ['measure', 'value'],
    [
      ['events posted (distinct ids)', n(s.result.posted)],
      ['reposts of the same id (concurrent or later)', n(s.result.reposts)],
      ['same id with another body', `${n(s.result.conflictsSent)} sent, ${n(s.result.conflictAnswers.get(409) ?? 0)} answered 409`],
      ['consents posted (with repeats) / recorded', `${n(s.result.consentsPosted)} / ${n(s.pipeline.consentsRecorded)}`],
      ['answers 202 / 200 / 201 / 409', [202, 200, 201, 409].map((c) => n(s.answers.get(c))).join(' / ')],
      ['503 while PostgreSQL was down', n(s.unavailableInWindow)],
      ['503 with Retry-After from an api shutting down', n(s.unavailableDraining)],
      ['other 5xx, load and webhooks, any 500 (must be 0)', n(s.stray5xx)],
      ['connection errors (retried)', n(s.answers.connectionErrors)],
      ['decisions SEND', n(s.pipeline.send)],
      ['decisions SKIP by reason', skips || '0'],
      ['simulator messages', n(s.pipeline.simulatorMessages)],
      [
        'second messages: first copy unseen (all its status webhooks lost) / first copy ledgered late / other (must be 0)',
        `${n(s.pipeline.duplicatesUnseen)} / ${n(s.pipeline.duplicatesLedgered)} / ${n(s.pipeline.duplicateMessages - s.pipeline.duplicatesUnseen - s.pipeline.duplicatesLedgered)}`,
      ],
      ['allowed events without a message (must be 0)', n(s.pipeline.missingMessages)],
      ['sends finally failed', n(s.pipeline.failedNotifications)],
      ['simulator webhooks (with duplicates)', n(s.simStats.webhooks)],
      ['delivery statuses expected in the ledger', n(s.pipeline.statusesExpected)],
      ['ledger size', n(s.tree.finalSize)],
      ['checkpoints (each consistent with the one before)', n(s.tree.checkpoints)],
      ['anchored size on chain', n(s.onChain.treeSize)],
      ['anchors confirmed / orphaned', `${n(s.anchorsBy.get('CONFIRMED') ?? 0)} / ${n(s.anchorsBy.get('ORPHANED') ?? 0)}`],
      ['audit', `${s.auditCode === 0 ? 'passed' : `FAILED (exit ${s.auditCode})`}: ${s.auditLine}`],
      ['duration: load / settling / whole run', `${s.loadSeconds.toFixed(0)} s / ${s.settleSeconds.toFixed(0)} s / ${s.total.toFixed(0)} s`],
    ],
  );
}

/** `sigillo audit` as an auditor runs it: the built CLI, its own process, the database and the chain. */
function runAudit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'audit', '--quiet'], { env, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function waitFor(what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** On failure: the warnings and errors the services logged, before the temp dir goes. */
async function printLogTails(logDir: string): Promise<void> {
  for (const file of (await readdir(logDir).catch(() => [] as string[])).sort()) {
    const lines = (await readFile(join(logDir, file), 'utf8').catch(() => '')).split('\n').filter((l) => l.trim() !== '');
    const tail = lines.slice(-25);
    if (tail.length === 0) continue;
    console.log(`\n--- last lines of ${file} (${lines.length} lines) ---`);
    for (const l of tail) console.log(`  ${l.slice(0, 400)}`);
  }
}

let cleaned = false;
async function cleanup(stack: Stack): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await Promise.all(stack.processes.map((p) => p.kill('SIGKILL').catch(() => undefined)));
  for (const p of stack.processes) p.close();
  await stack.db?.end().catch(() => undefined);
  stack.control?.destroy();
  await stack.rpcProxy?.close().catch(() => undefined);
  await stack.chain?.stop().catch(() => undefined);
  await stack.redis?.stop().catch(() => undefined);
  await stack.postgres?.destroy().catch(() => undefined);
  if (!process.env.CHAOS_KEEP_DIR) await rm(stack.dir, { recursive: true, force: true }).catch(() => undefined);
  else console.log(`chaos: kept ${stack.dir}`);
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`chaos: ${(err as Error).stack ?? err}`);
    process.exit(1);
  },
);
