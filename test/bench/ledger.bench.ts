// `npm run bench:ledger`: throughput and latency of the log, proof costs at 1M entries and gas per
// anchor. A benchmark, not a test: it prints figures (medians of one run) and asserts nothing.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { deployNotificationLedger } from '../../libs/chain/src/deploy.js';
import { LedgerContractClient } from '../../libs/chain/src/ledger-contract.js';
import { hardhatAccounts, startHardhatNode } from '../../libs/chain/src/local-node.js';
import { generateSignerKey } from '../../libs/ledger/src/checkpoint.js';
import { LedgerModule } from '../../libs/ledger/src/ledger.module.js';
import { LedgerRepository } from '../../libs/ledger/src/ledger.repository.js';
import type { NewLedgerEntry } from '../../libs/ledger/src/ledger-records.js';
import { verifyConsistency, verifyInclusion } from '../../libs/ledger/src/merkle.js';
import { SequencerModule } from '../../libs/ledger/src/sequencer.module.js';
import { SequencerService } from '../../libs/ledger/src/sequencer.service.js';
import { TreeReader } from '../../libs/ledger/src/tree-reader.js';
import { loadConfig, WorkerConfig } from '../../libs/platform/src/config.js';
import { dropDatabase, ensureDatabase, migrateDatabase } from '../../libs/platform/src/database-setup.js';
import { PlatformModule } from '../../libs/platform/src/platform.module.js';
import { formatNumber, median, percentile, printTable } from './stats.js';

const BIG_LOG = Number(process.env.BENCH_LOG_SIZE ?? 1_000_000);
const APPENDED = Number(process.env.BENCH_APPEND ?? 200_000);
const PRODUCERS = 4;
const BATCH = 500;
const STEADY_RATE = 5_000; // entries/s during the checkpoint-delay phase
const STEADY_SECONDS = 10;
const PROOF_SAMPLES = 2_000;

const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sigillo');
base.pathname = '/sigillo_bench';
const databaseUrl = base.toString();

function entry(i: number): NewLedgerEntry {
  return {
    type: 'message.status',
    occurredAt: new Date(),
    body: { wamid: `wamid.bench${i}`, status: 'delivered', phone: `+39333${1_000_000 + (i % 9_000_000)}`, name: `Cliente ${i}` },
  };
}

async function main(): Promise<void> {
  console.log(`bench:ledger on ${databaseUrl.replace(/\/\/[^@]*@/, '//')} (fresh database)\n`);
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();

  const config = loadConfig(WorkerConfig, {
    DATABASE_URL: databaseUrl,
    LEDGER_CONTRACT_ADDRESS: '0x' + '0'.repeat(40),
    CHECKPOINT_SIGNER_KEY: generateSignerKey('sigillo.bench/ledger').signerKey,
    LEDGER_ORIGIN: 'sigillo.bench/ledger',
    ANCHOR_PRIVATE_KEY: hardhatAccounts[1].privateKey,
  });
  @Module({ imports: [PlatformModule.forRoot(config), LedgerModule, SequencerModule] })
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const ledger = app.get(LedgerRepository);
  const tree = app.get(TreeReader);
  const size = async () => Number(await ledger.treeSize());
  app.get(SequencerService).start();

  // 1. Appending (concurrent producers) and integrating at once.
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (next < APPENDED) {
        const from = next;
        next += BATCH;
        await ledger.appendPending(Array.from({ length: Math.min(BATCH, APPENDED - from) }, (_, k) => entry(from + k)));
      }
    }),
  );
  const appendedMs = performance.now() - t0;
  while ((await size()) < APPENDED) await sleep(20);
  const integratedMs = performance.now() - t0;

  // 2. Checkpoint delay under a steady load: from an entry's recording to the first checkpoint covering it.
  const steadyFrom = await size();
  const tick = 100;
  for (let t = 0; t < (STEADY_SECONDS * 1000) / tick; t++) {
    const started = performance.now();
    const n = (STEADY_RATE * tick) / 1000;
    await ledger.appendPending(Array.from({ length: n }, (_, k) => entry(next + k)));
    next += n;
    await sleep(Math.max(0, tick - (performance.now() - started)));
  }
  const steadyTo = steadyFrom + (STEADY_RATE * STEADY_SECONDS);
  while ((await size()) < steadyTo) await sleep(20);
  await sleep(1500); // let the last checkpoint be signed
  const { rows: delays } = await db.query<{ ms: number }>(
    `SELECT EXTRACT(EPOCH FROM (c.created_at - e.recorded_at)) * 1000 AS ms
       FROM ledger_entries e
       CROSS JOIN LATERAL (SELECT created_at FROM checkpoints c WHERE c.tree_size > e.seq ORDER BY c.tree_size LIMIT 1) c
      WHERE e.seq >= $1 AND e.seq < $2`,
    [steadyFrom, steadyTo],
  );
  const delayMs = delays.map((r) => Number(r.ms));

  // 3. A log of BIG_LOG entries: the rest bulk-inserted as pending, then integrated.
  const have = await size();
  const bulk = BIG_LOG - have;
  await db.query(
    `INSERT INTO ledger_entries (type, occurred_at, body, salt)
     SELECT 'message.status', now(), jsonb_build_object('wamid', 'wamid.bulk' || g, 'status', 'read', 'phone', '+39333' || (1000000 + g)),
            decode(md5(random()::text) || md5(random()::text), 'hex')
       FROM generate_series(1, $1) AS g`,
    [bulk],
  );
  const t1 = performance.now();
  while ((await size()) < BIG_LOG) await sleep(50);
  const bulkMs = performance.now() - t1;
  await sleep(1200);

  // 4. Proofs at BIG_LOG entries: generation reads O(log n) stored nodes; verification is pure.
  const n = BigInt(BIG_LOG);
  const root = await tree.rootAt(n);
  const genIncl: number[] = [];
  const verIncl: number[] = [];
  const genCons: number[] = [];
  const verCons: number[] = [];
  for (let s = 0; s < PROOF_SAMPLES; s++) {
    const index = BigInt(Math.floor(Math.random() * BIG_LOG));
    let t = performance.now();
    const proof = await tree.inclusionProof(index, n);
    genIncl.push(performance.now() - t);
    const [leaf] = await ledger.nodeHashes([{ level: 0, index }]);
    t = performance.now();
    if (!verifyInclusion(index, n, leaf, proof, root)) throw new Error(`inclusion proof for ${index} did not verify`);
    verIncl.push(performance.now() - t);

    const old = BigInt(1 + Math.floor(Math.random() * (BIG_LOG - 1)));
    t = performance.now();
    const cproof = await tree.consistencyProof(old, n);
    genCons.push(performance.now() - t);
    const oldRoot = await tree.rootAt(old);
    t = performance.now();
    if (!verifyConsistency(old, n, oldRoot, root, cproof)) throw new Error(`consistency proof ${old} -> ${n} did not verify`);
    verCons.push(performance.now() - t);
  }

  // 5. Gas per anchor on a Hardhat node, with real consistency proofs from this log.
  const gasRows = await measureGas(tree);

  await app.close();
  await db.end();
  await dropDatabase(databaseUrl);

  console.log(`\nLedger (PostgreSQL on this machine, ${PRODUCERS} producers x batches of ${BATCH}):`);
  printTable(
    ['measure', 'value'],
    [
      ['entries appended (pending rows written)', `${formatNumber(APPENDED / (appendedMs / 1000))} /s`],
      ['entries appended and integrated (seq, leaf, tree nodes)', `${formatNumber(APPENDED / (integratedMs / 1000))} /s`],
      [`integration of a ${formatNumber(bulk)}-entry backlog`, `${formatNumber(bulk / (bulkMs / 1000))} /s`],
      [`checkpoint delay p50 (steady ${formatNumber(STEADY_RATE)}/s)`, `${formatNumber(median(delayMs))} ms`],
      [`checkpoint delay p99 (steady ${formatNumber(STEADY_RATE)}/s)`, `${formatNumber(percentile(delayMs, 99))} ms`],
      [`inclusion proof generation at ${formatNumber(BIG_LOG)} (median)`, `${formatNumber(median(genIncl) * 1000)} µs`],
      [`inclusion proof verification at ${formatNumber(BIG_LOG)} (median)`, `${formatNumber(median(verIncl) * 1000, 1)} µs`],
      [`consistency proof generation at ${formatNumber(BIG_LOG)} (median)`, `${formatNumber(median(genCons) * 1000)} µs`],
      [`consistency proof verification at ${formatNumber(BIG_LOG)} (median)`, `${formatNumber(median(verCons) * 1000, 1)} µs`],
    ],
  );
  console.log('\nGas per anchor (Hardhat node, real consistency proofs; median of the runs):');
  printTable(['entries per anchor', 'proof hashes', 'gas per anchor', 'gas per entry'], gasRows);
}

async function measureGas(tree: TreeReader): Promise<(string | number)[][]> {
  const node = await startHardhatNode({ port: 8599 });
  try {
    const [admin, anchorer] = hardhatAccounts;
    const { address } = await deployNotificationLedger({ rpcUrl: node.url, deployerKey: admin.privateKey, admin: admin.address, anchorer: anchorer.address });
    const client = new LedgerContractClient(node.url, address, anchorer.privateKey);
    const anchorAt = async (size: bigint, from: bigint) => {
      const proof = from === 0n ? [] : await tree.consistencyProof(from, size);
      const prepared = await client.prepareAnchor(size, await tree.rootAt(size), proof);
      await prepared.broadcast();
      for (;;) {
        const state = await client.transactionState(prepared.txHash);
        if (state.state === 'mined') {
          if (!state.success) throw new Error(`anchor at ${size} reverted`);
          return { gas: Number(state.gasUsed), hashes: proof.length };
        }
        await sleep(20);
      }
    };
    const steps = [1_000, 10_000, 100_000];
    const runs = 5;
    const results = new Map<number, { gas: number[]; hashes: number[] }>(steps.map((s) => [s, { gas: [], hashes: [] }]));
    let at = 1_234n;
    await anchorAt(at, 0n);
    for (let r = 0; r < runs; r++) {
      for (const step of steps) {
        const nextSize = at + BigInt(step) + BigInt(r * 37); // vary the sizes, so proof depths vary
        if (nextSize > BigInt(BIG_LOG)) break;
        const { gas, hashes } = await anchorAt(nextSize, at);
        results.get(step)!.gas.push(gas);
        results.get(step)!.hashes.push(hashes);
        at = nextSize;
      }
    }
    client.destroy();
    return steps.map((step) => {
      const { gas, hashes } = results.get(step)!;
      return [formatNumber(step), formatNumber(median(hashes)), formatNumber(median(gas)), formatNumber(median(gas) / step, 2)];
    });
  } finally {
    await node.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench:ledger failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
