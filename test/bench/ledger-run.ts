// The ledger benchmark as a function: throughput and latency of the log, proof costs at a large
// size, gas per anchor and (optionally) the time of a full `sigillo audit` of that log. Prints
// nothing; `ledger.bench.ts` and `bench.ts` format the figures.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { AnchorRepository, AnchorStoreModule } from '#sigillo/chain';
import { hardhatAccounts, startHardhatNode, dropDatabase, ensureDatabase, migrateDatabase } from '#sigillo/dev-stack';
import {
  generateSignerKey,
  LedgerModule,
  LedgerRepository,
  MESSAGE_STATUS,
  verifyConsistency,
  verifyInclusion,
  SequencerModule,
  SequencerService,
  TreeReader,
} from '#sigillo/ledger';
import type { NewLedgerEntry } from '#sigillo/ledger';
import { loadConfig, WorkerConfig, PlatformModule } from '#sigillo/platform';
import { measureAnchorGas, type AnchorGasRow } from './anchor-gas.js';
import { measureAuditFloor, type AuditFloor } from './audit-floor.js';
import { runCliAudit, type AuditRun } from './audit-run.js';
import { median, percentile } from './stats.js';

export interface LedgerBenchOptions {
  databaseUrl: string;
  /** Size of the log the proofs, anchors and audit run on. */
  bigLog: number;
  /** Entries appended by concurrent producers while the sequencer integrates them. */
  appended: number;
  steadyRate: number;
  steadySeconds: number;
  proofSamples: number;
  /** Rounds of anchors per step (1k, 10k, 100k entries per anchor). */
  anchorRuns: number;
  /** A running chain to anchor on; without it a Hardhat node is started on `chainPort`. */
  rpcUrl?: string;
  chainPort?: number;
  /** Full audits of the final log through the CLI; 0 skips them. */
  auditRuns: number;
  /** Extra node flags for the audit process (e.g. --cpu-prof). */
  auditNodeArgs?: string[];
  onProgress?: (line: string) => void;
}

export interface LedgerBenchFigures {
  producers: number;
  batch: number;
  appended: number;
  appendedPerSecond: number;
  integratedPerSecond: number;
  backlog: number;
  backlogPerSecond: number;
  checkpointDelayMs: { p50: number; p99: number; rate: number };
  proofsAt: number;
  proofSamples: number;
  /** Medians, in microseconds. */
  proofUs: { inclusionGen: number; inclusionVerify: number; consistencyGen: number; consistencyVerify: number };
  gas: AnchorGasRow[];
  audit: { entries: number; anchors: number; runs: AuditRun[]; floor: AuditFloor } | null;
}

const PRODUCERS = 4;
const BATCH = 500;

function entry(i: number): NewLedgerEntry {
  return {
    type: 'message.status',
    occurredAt: new Date(),
    // A real message.status body (the audit holds each to its schema), with a number and a name in it.
    body: {
      ...MESSAGE_STATUS.example,
      wamid: `wamid.bench${i}`,
      statusObject: { status: 'delivered', recipient_id: `39333${1_000_000 + (i % 9_000_000)}`, name: `Cliente ${i}` },
    },
  };
}

export async function runLedgerBench(opts: LedgerBenchOptions): Promise<LedgerBenchFigures> {
  const say = opts.onProgress ?? (() => undefined);
  const { databaseUrl, bigLog: BIG_LOG, appended: APPENDED } = opts;
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
  @Module({ imports: [PlatformModule.forRoot(config), LedgerModule, SequencerModule, AnchorStoreModule] })
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error'] });
  const ownNode = opts.rpcUrl ? null : await startHardhatNode({ port: opts.chainPort ?? 8599 });
  const rpcUrl = opts.rpcUrl ?? ownNode!.url;
  try {
    const ledger = app.get(LedgerRepository);
    const tree = app.get(TreeReader);
    const size = async () => Number(await ledger.treeSize());
    app.get(SequencerService).start();

    // 1. Appending (concurrent producers) and integrating at once.
    say(`appending ${APPENDED} entries with ${PRODUCERS} producers`);
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
    say(`steady ${opts.steadyRate}/s for ${opts.steadySeconds} s`);
    const steadyFrom = await size();
    const tick = 100;
    for (let t = 0; t < (opts.steadySeconds * 1000) / tick; t++) {
      const started = performance.now();
      const n = (opts.steadyRate * tick) / 1000;
      await ledger.appendPending(Array.from({ length: n }, (_, k) => entry(next + k)));
      next += n;
      await sleep(Math.max(0, tick - (performance.now() - started)));
    }
    const steadyTo = steadyFrom + opts.steadyRate * opts.steadySeconds;
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
    say(`integrating a ${bulk}-entry backlog`);
    await db.query(
      `INSERT INTO ledger_entries (type, occurred_at, body, salt)
       SELECT 'message.status', now(),
              $2::jsonb || jsonb_build_object('wamid', 'wamid.bulk' || g, 'status', 'read', 'statusObject', jsonb_build_object('status', 'read', 'recipient_id', '39333' || (1000000 + g))),
              decode(md5(random()::text) || md5(random()::text), 'hex')
         FROM generate_series(1, $1) AS g`,
      [bulk, JSON.stringify(MESSAGE_STATUS.example)],
    );
    const t1 = performance.now();
    while ((await size()) < BIG_LOG) await sleep(50);
    const bulkMs = performance.now() - t1;
    await sleep(1200);

    // 4. Proofs at BIG_LOG entries: generation reads O(log n) stored nodes; verification is pure.
    say(`${opts.proofSamples} proofs at ${BIG_LOG}`);
    const n = BigInt(BIG_LOG);
    const root = await tree.rootAt(n);
    const genIncl: number[] = [];
    const verIncl: number[] = [];
    const genCons: number[] = [];
    const verCons: number[] = [];
    for (let s = 0; s < opts.proofSamples; s++) {
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

    // 5. Gas per anchor, with real consistency proofs from this log.
    say(`anchor gas on ${rpcUrl}`);
    const gas = await measureAnchorGas(tree, { rpcUrl, logSize: BIG_LOG, runs: opts.anchorRuns });

    // 6. The whole log anchored and recorded as the worker records anchors, then audited.
    let audit: LedgerBenchFigures['audit'] = null;
    try {
      if (opts.auditRuns > 0) {
        if (gas.anchors.at(-1)!.treeSize < n) await gas.anchorAt(n);
        const anchorStore = app.get(AnchorRepository);
        for (const a of gas.anchors) {
          await anchorStore.insertConfirmed({
            chainId: gas.chainId,
            contract: gas.contract,
            treeSize: a.treeSize,
            root: a.root,
            previousSize: a.previousSize,
            txHash: a.txHash,
            blockNumber: a.blockNumber,
            gasUsed: a.gasUsed,
          });
        }
        // The sequencer stays up but idle (nothing pending): it polls, which costs the audit nothing measurable.
        const runs: AuditRun[] = [];
        for (let r = 0; r < opts.auditRuns; r++) {
          say(`audit ${r + 1}/${opts.auditRuns} of ${BIG_LOG} entries`);
          runs.push(await runCliAudit({ databaseUrl, rpcUrl, contract: gas.contract }, opts.auditNodeArgs));
        }
        say('audit floor: COPY of the same rows, hashing of as many leaves and nodes');
        const floor = await measureAuditFloor(databaseUrl, opts.auditRuns);
        audit = { entries: BIG_LOG, anchors: gas.anchors.length, runs, floor };
      }
    } finally {
      gas.close();
    }

    return {
      producers: PRODUCERS,
      batch: BATCH,
      appended: APPENDED,
      appendedPerSecond: APPENDED / (appendedMs / 1000),
      integratedPerSecond: APPENDED / (integratedMs / 1000),
      backlog: bulk,
      backlogPerSecond: bulk / (bulkMs / 1000),
      checkpointDelayMs: { p50: median(delayMs), p99: percentile(delayMs, 99), rate: opts.steadyRate },
      proofsAt: BIG_LOG,
      proofSamples: opts.proofSamples,
      proofUs: {
        inclusionGen: median(genIncl) * 1000,
        inclusionVerify: median(verIncl) * 1000,
        consistencyGen: median(genCons) * 1000,
        consistencyVerify: median(verCons) * 1000,
      },
      gas: gas.rows,
      audit,
    };
  } finally {
    await app.close();
    await db.end();
    await ownNode?.stop();
    await dropDatabase(databaseUrl).catch(() => undefined);
  }
}
