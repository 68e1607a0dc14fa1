// `npm run bench:ledger`: throughput and latency of the log, proof costs at 1M entries and gas per
// anchor. A benchmark, not a test: it prints figures (medians of one run) and asserts nothing.
import { runLedgerBench } from './ledger-run.js';
import { formatNumber, printTable } from './stats.js';

const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sigillo');
base.pathname = '/sigillo_bench';
const databaseUrl = base.toString();

async function main(): Promise<void> {
  console.log(`bench:ledger on ${databaseUrl.replace(/\/\/[^@]*@/, '//')} (fresh database)\n`);
  const f = await runLedgerBench({
    databaseUrl,
    bigLog: Number(process.env.BENCH_LOG_SIZE ?? 1_000_000),
    appended: Number(process.env.BENCH_APPEND ?? 200_000),
    steadyRate: 5_000,
    steadySeconds: 10,
    proofSamples: 2_000,
    anchorRuns: 5,
    chainPort: 8599,
    auditRuns: Number(process.env.BENCH_AUDIT_RUNS ?? 0),
  });

  const n = formatNumber(f.proofsAt);
  console.log(`\nLedger (PostgreSQL on this machine, ${f.producers} producers x batches of ${f.batch}):`);
  printTable(
    ['measure', 'value'],
    [
      ['entries appended (pending rows written)', `${formatNumber(f.appendedPerSecond)} /s`],
      ['entries appended and integrated (seq, leaf, tree nodes)', `${formatNumber(f.integratedPerSecond)} /s`],
      [`integration of a ${formatNumber(f.backlog)}-entry backlog`, `${formatNumber(f.backlogPerSecond)} /s`],
      [`checkpoint delay p50 (steady ${formatNumber(f.checkpointDelayMs.rate)}/s)`, `${formatNumber(f.checkpointDelayMs.p50)} ms`],
      [`checkpoint delay p99 (steady ${formatNumber(f.checkpointDelayMs.rate)}/s)`, `${formatNumber(f.checkpointDelayMs.p99)} ms`],
      [`inclusion proof generation at ${n} (median)`, `${formatNumber(f.proofUs.inclusionGen)} µs`],
      [`inclusion proof verification at ${n} (median)`, `${formatNumber(f.proofUs.inclusionVerify, 1)} µs`],
      [`consistency proof generation at ${n} (median)`, `${formatNumber(f.proofUs.consistencyGen)} µs`],
      [`consistency proof verification at ${n} (median)`, `${formatNumber(f.proofUs.consistencyVerify, 1)} µs`],
      ...(f.audit ? f.audit.runs.map((r, i) => [`sigillo audit of ${n} entries, run ${i + 1}`, `${formatNumber(r.seconds, 1)} s (${r.summary})`]) : []),
    ],
  );
  console.log('\nGas per anchor (Hardhat node, real consistency proofs; median of the runs):');
  printTable(
    ['entries per anchor', 'proof hashes', 'gas per anchor', 'gas per entry'],
    f.gas.map((r) => [formatNumber(r.entriesPerAnchor), formatNumber(r.proofHashes), formatNumber(r.gasPerAnchor), formatNumber(r.gasPerEntry, 2)]),
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench:ledger failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
