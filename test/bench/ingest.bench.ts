// `npm run bench:ingest`: events/s the api accepts (202) with latency, and sends/s reaching the
// WhatsApp simulator. A benchmark: it prints figures, asserts nothing. The work is in ingest-run.ts.
import { runIngestBench } from './ingest-run.js';
import { formatNumber, median, printTable } from './stats.js';

const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sigillo');
base.pathname = '/sigillo_bench_ingest';

async function main(): Promise<void> {
  const f = await runIngestBench({
    databaseUrl: base.toString(),
    durationS: Number(process.env.BENCH_DURATION ?? 10),
    connections: Number(process.env.BENCH_CONNECTIONS ?? 32),
    sendBatch: Number(process.env.BENCH_SENDS ?? 10000),
    runs: Number(process.env.BENCH_RUNS ?? 3),
    apiPort: 3290,
    simulatorPort: 3291,
    chainPort: 8591,
    // BENCH_DRAIN_ONLY=1: the api-alone runs and the three drains only (a before/after of the send path).
    drainOnly: ['1', 'true', 'yes'].includes((process.env.BENCH_DRAIN_ONLY ?? '').toLowerCase()),
    onProgress: (line) => console.error(`${new Date().toISOString().slice(11, 19)} ${line}`),
  });
  const m = <T extends object>(xs: T[], k: keyof T) => median(xs.map((x) => Number(x[k])));
  console.log(`\nIngest (api, worker and simulator as processes; ${f.connections} connections, ${f.durationS} s runs, medians of ${f.alone.length}):`);
  printTable(
    ['measure', 'api alone', 'api while the worker sends'],
    [
      ['events accepted (202) per second', formatNumber(m(f.alone, 'rps')), formatNumber(m(f.mixed, 'rps'))],
      ['latency p50', `${formatNumber(m(f.alone, 'p50'), 1)} ms`, `${formatNumber(m(f.mixed, 'p50'), 1)} ms`],
      ['latency p99', `${formatNumber(m(f.alone, 'p99'), 1)} ms`, `${formatNumber(m(f.mixed, 'p99'), 1)} ms`],
      ['non-2xx answers (all runs)', formatNumber(f.alone.reduce((x, a) => x + a.non2xx, 0)), formatNumber(f.mixed.reduce((x, a) => x + a.non2xx, 0))],
      [`sends reaching the simulator per second (draining ${formatNumber(f.drained)}), at the 1,000/s cap`, formatNumber(f.sendRate), ''],
      ['sends per second, cap lifted', formatNumber(f.sendCapacity), ''],
      ['sends per second, cap lifted, status webhooks on', formatNumber(f.sendRateWithStatuses), ''],
      ['sends per second while events arrive', '', formatNumber(m(f.mixed, 'sends'))],
    ],
  );
  const w = f.webhooks;
  if (w.runs.length === 0) return; // BENCH_DRAIN_ONLY
  console.log(`\nStatus webhooks (one status per POST, while the worker applies them; medians of ${w.runs.length}):`);
  printTable(
    ['measure', 'value'],
    [
      ['webhooks accepted (200) per second', formatNumber(m(w.runs, 'rps'))],
      ['latency p50 / p99', `${formatNumber(m(w.runs, 'p50'), 1)} ms / ${formatNumber(m(w.runs, 'p99'), 1)} ms`],
      ['non-2xx answers (all runs)', formatNumber(w.runs.reduce((x, a) => x + a.non2xx, 0))],
      ['statuses applied per second (worker)', formatNumber(w.appliedPerSecond)],
      ['left unapplied after 2 minutes', formatNumber(w.unapplied)],
    ],
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench:ingest failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
