// `npm run bench`: issue 6's side-by-side benchmark in one run on one Hardhat chain, written to
// docs/BENCH.md. BENCH_QUICK=1 makes a short smoke run; BENCH_ONLY=pgbench,ingest,ledger,gas runs
// some sections only. A benchmark: it measures and reports, it asserts nothing.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { hardhatAccounts, startHardhatNode } from '#sigillo/dev-stack';
import { WorkerConfig, repoRoot } from '#sigillo/platform';
import { compileContractsIfStale } from '../../scripts/dev/contracts.js';
import { benchPlan } from './bench-plan.js';
import { measureEasGas } from './eas-gas.js';
import { measureEventGas } from './event-gas.js';
import { runIngestBench } from './ingest-run.js';
import { runLedgerBench } from './ledger-run.js';
import { machineInfo } from './machine.js';
import { runPgbench } from './pgbench-run.js';
import { renderReport } from './report.js';
import type { BenchResults } from './results.js';
import { judgeTargets } from './targets.js';

const CHAIN_PORT = 8590;
const API_PORT = 3390;
const SIMULATOR_PORT = 3391;

const baseUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sigillo';
const database = (name: string) => {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

async function main(): Promise<void> {
  const plan = benchPlan(process.env);
  const started = Date.now();
  const say = (line: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const startedAt = new Date();
  const machine = await machineInfo(database('postgres'), process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  say(`${plan.quick ? 'quick' : 'full'} run of ${plan.sections.join(', ')} on ${machine.cpus} CPUs (load ${machine.loadAtStart.toFixed(2)})`);
  const defaults = new WorkerConfig();
  const devSettings = Object.fromEntries(
    (['CHECKPOINT_INTERVAL_MS', 'ANCHOR_INTERVAL_MS', 'ANCHOR_CONFIRMATIONS'] as const).map((k) => [k, process.env[k] ?? String(defaults[k])]),
  );

  if (await compileContractsIfStale()) say('compiled the contracts');
  const node = await startHardhatNode({ port: CHAIN_PORT });
  try {
    const results: BenchResults = {
      quick: plan.quick,
      startedAt,
      finishedAt: startedAt,
      loadAtEnd: 0,
      machine,
      pgbench: null,
      ingest: null,
      ledger: null,
      gas: null,
      devSettings,
    };
    const runs = plan.sections;

    if (runs.includes('pgbench')) {
      say('PostgreSQL ceiling (pgbench)');
      results.pgbench = await runPgbench({ databaseUrl: database('sigillo_bench_pgbench'), ...plan.pgbench, onProgress: say });
    }
    if (runs.includes('ingest')) {
      say('ingest');
      results.ingest = await runIngestBench({
        databaseUrl: database('sigillo_bench_all_ingest'),
        ...plan.ingest,
        apiPort: API_PORT,
        simulatorPort: SIMULATOR_PORT,
        rpcUrl: node.url,
        onProgress: say,
      });
    }
    if (runs.includes('ledger') || runs.includes('gas')) {
      say('ledger, anchor gas and audit');
      // BENCH_AUDIT_PROFILE=<dir>: V8 CPU profiles of the audit runs, to see where its time goes.
      const profile = process.env.BENCH_AUDIT_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_AUDIT_PROFILE}`] : [];
      results.ledger = await runLedgerBench({
        databaseUrl: database('sigillo_bench_all_ledger'),
        ...plan.ledger,
        auditNodeArgs: profile,
        rpcUrl: node.url,
        onProgress: say,
      });
    }
    if (runs.includes('gas')) {
      say('EAS and event baselines');
      // Account #2: the anchorer (#1) keeps its own nonces for the NotificationLedger runs.
      const key = hardhatAccounts[2].privateKey;
      const eas = await measureEasGas({ rpcUrl: node.url, privateKey: key, ...plan.gas, onProgress: say });
      const events = await measureEventGas({ rpcUrl: node.url, privateKey: key, ...plan.gas, onProgress: say });
      results.gas = { blockGasLimit: await blockGasLimit(node.url), sigillo: results.ledger!.gas, eas, events };
    }

    results.finishedAt = new Date();
    results.loadAtEnd = os.loadavg()[0];
    const path = join(repoRoot(), 'docs/BENCH.md');
    mkdirSync(dirname(path), { recursive: true });
    const recordedAb = join(repoRoot(), 'docs/bench/http-layer-ab.md');
    writeFileSync(path, renderReport(results, { httpLayerAb: existsSync(recordedAb) ? readFileSync(recordedAb, 'utf8') : undefined }));
    say(`wrote ${path}`);
    for (const t of judgeTargets(results))
      console.log(`  ${t.met === null ? 'not evaluated' : t.met ? 'met          ' : 'NOT MET      '}  ${t.target}: ${t.measured}`);
  } finally {
    await node.stop();
  }
}

async function blockGasLimit(rpcUrl: string): Promise<bigint> {
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: ['latest', false] }),
  });
  return BigInt(((await res.json()) as { result: { gasLimit: string } }).result.gasLimit);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench failed: ${(err as Error).stack ?? (err as Error).message}`);
    process.exit(1);
  },
);
