import { renderReport } from './report.js';
import type { BenchResults } from './results.js';
import { judgeRatios, judgeTargets } from './targets.js';

function results(over: Partial<BenchResults> = {}): BenchResults {
  const run = (rps: number, p99: number) => ({ rps, p50: p99 / 3, p99, non2xx: 0 });
  return {
    quick: false,
    startedAt: new Date('2026-11-21T10:00:00Z'),
    finishedAt: new Date('2026-11-21T10:12:00Z'),
    loadAtEnd: 1.5,
    machine: {
      cpus: 2,
      cpuModel: 'cpu',
      memoryGiB: 23.4,
      os: 'Linux',
      node: 'v24',
      postgres: '15.20',
      redis: '7.0.15',
      hardhat: '3.18.0',
      commit: 'abc',
      loadAtStart: 0.5,
    },
    pgbench: { tps: [4000, 5000, 4500], median: 4500, clients: 32, threads: 2, seconds: 10, version: 'pgbench 15' },
    ingest: {
      connections: 32,
      durationS: 10,
      simulatorCeiling: [2500, 2400, 2600],
      alone: [run(2100, 40), run(2300, 45), run(1900, 60)],
      sendRate: 900,
      sendCapacity: 1200,
      sendRateWithStatuses: 500,
      drained: 10_000,
      mixed: [{ ...run(1500, 80), sends: 700 }],
      webhooks: { runs: [run(3500, 300), run(3200, 240), run(3400, 270)], statuses: 60_000, appliedPerSecond: 2500, unapplied: 0 },
      anchorDelay: { rate: 100, seconds: 30, events: 3000, lost: 0, p50: 2100, p99: 3900, max: 4200, pollMs: 25 },
      settings: { RATE_LIMIT_PER_MINUTE: '1000000000' },
    },
    ledger: {
      producers: 4,
      batch: 500,
      appended: 200_000,
      appendedPerSecond: 13_000,
      integratedPerSecond: 5_000,
      backlog: 750_000,
      backlogPerSecond: 4_000,
      checkpointDelayMs: { p50: 300, p99: 600, rate: 5000 },
      proofsAt: 1_000_000,
      proofSamples: 2000,
      proofUs: { inclusionGen: 1500, inclusionVerify: 47, consistencyGen: 1500, consistencyVerify: 47 },
      gas: [
        { entriesPerAnchor: 1_000, runs: 5, proofHashes: 16, gasPerAnchor: 96_000, gasPerEntry: 96 },
        { entriesPerAnchor: 10_000, runs: 5, proofHashes: 17, gasPerAnchor: 97_000, gasPerEntry: 9.7 },
        { entriesPerAnchor: 100_000, runs: 0, proofHashes: NaN, gasPerAnchor: NaN, gasPerEntry: NaN },
      ],
      audit: {
        entries: 1_000_000,
        anchors: 17,
        runs: [
          { seconds: 20, exitCode: 0, summary: 'audit OK' },
          { seconds: 25, exitCode: 0, summary: 'audit OK' },
          { seconds: 40, exitCode: 0, summary: 'audit OK' },
        ],
        floor: { entries: 1_000_000, nodes: 999_000, bytes: 900e6, copySeconds: [9, 10, 11], hashSeconds: [2.4, 2.5, 2.6], seconds: 12.5 },
      },
    },
    gas: {
      blockGasLimit: 60_000_000n,
      sigillo: [],
      eas: {
        packageVersion: '1.9.0',
        contractVersion: '1.4.0',
        schema: 'bytes32 entryHash',
        rows: [{ method: 'EAS attest', entriesPerTx: 1, runs: 10, gasPerTx: 180_000, gasPerEntry: 180_000 }],
      },
      events: [{ method: 'one event per entry, one tx each', entriesPerTx: 1, runs: 10, gasPerTx: 22_800, gasPerEntry: 22_800 }],
    },
    devSettings: { ANCHOR_INTERVAL_MS: '2000' },
    ...over,
  };
}

function withSigilloGas(r: BenchResults): BenchResults {
  if (r.gas && r.ledger) r.gas.sigillo = r.ledger.gas;
  return r;
}

describe('judgeTargets', () => {
  it('judges each target from the medians', () => {
    const [gas, alone, mixed, sends, webhooks, anchored, audit] = judgeTargets(withSigilloGas(results()));
    expect(gas).toMatchObject({ met: true, measured: expect.stringContaining('1/18,557') });
    expect(alone).toMatchObject({ met: true, measured: '2,100 events/s, p99 45.0 ms' });
    expect(mixed.met).toBe(false);
    expect(sends).toMatchObject({ met: true, measured: '1,200 sends/s (900 at the 1,000/s cap, 500 with status webhooks)' });
    expect(webhooks).toMatchObject({ met: true, measured: '3,400/s, p50 90.0 ms, p99 270.0 ms; 2,500 statuses applied/s' });
    expect(anchored.met).toBe(true);
    expect(audit).toMatchObject({ met: true, measured: '25.0 s for 1,000,000 entries' });
  });

  it('fails the gas target above 1/1000 and the delay target when an event never got anchored', () => {
    const r = withSigilloGas(results());
    r.ledger!.gas[1].gasPerEntry = 181;
    r.ingest!.anchorDelay!.lost = 1;
    r.ingest!.sendCapacity = 999;
    r.ingest!.webhooks.unapplied = 7;
    const [gas, , , sends, webhooks, anchored] = judgeTargets(r);
    expect(sends.met).toBe(false);
    expect(webhooks).toMatchObject({ met: false, measured: expect.stringContaining('7 not applied after 2 minutes') });
    expect(gas.met).toBe(false);
    expect(anchored.met).toBe(false);
  });

  it('does not judge what was not measured, nor an audit of a smaller log', () => {
    const r = results({ gas: null, ingest: null });
    r.ledger!.audit!.entries = 150_000;
    expect(judgeTargets(r).map((t) => t.met)).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('judgeRatios', () => {
  it('judges ingest against the pgbench ceiling and the audit against its floor', () => {
    const [alone, mixed, audit] = judgeRatios(results());
    // 2,100 of 4,500 tps is 46.7 %: under 85 %.
    expect(alone).toMatchObject({ met: false, measured: '46.7 %: 2,100 events/s of 4,500 tps, p99 45.0 ms' });
    expect(mixed).toMatchObject({ met: false, measured: '33.3 %: 1,500 events/s of 4,500 tps, p99 80.0 ms' });
    expect(audit).toMatchObject({ met: true, measured: '2.00×: 25.0 s against 12.5 s (COPY 10.0 s + hashing 2.5 s)' });
  });

  it('meets the ingest ratios at 85 % and 50 % of the ceiling, the first only with p99 <= 50 ms', () => {
    const r = results();
    r.pgbench!.median = 2_000;
    r.ingest!.alone = [{ rps: 1_700, p50: 10, p99: 50, non2xx: 0 }];
    r.ingest!.mixed = [{ rps: 1_000, p50: 10, p99: 500, non2xx: 0, sends: 0 }];
    expect(judgeRatios(r).map((t) => t.met)).toEqual([true, true, true]);
    r.ingest!.alone = [{ rps: 1_700, p50: 10, p99: 51, non2xx: 0 }];
    r.ingest!.mixed = [{ rps: 999, p50: 10, p99: 5, non2xx: 0, sends: 0 }];
    expect(judgeRatios(r).map((t) => t.met)).toEqual([false, false, true]);
  });

  it('fails the audit past twice its floor or when it reported problems, and judges nothing unmeasured', () => {
    const r = results();
    r.ledger!.audit!.floor.seconds = 12.4;
    expect(judgeRatios(r)[2].met).toBe(false);
    r.ledger!.audit!.floor.seconds = 30;
    r.ledger!.audit!.runs[1].exitCode = 1;
    expect(judgeRatios(r)[2].met).toBe(false);
    expect(judgeRatios(results({ pgbench: null, ledger: null })).map((t) => t.met)).toEqual([null, null, null]);
  });
});

describe('renderReport', () => {
  it('writes every section, the machine and the ceiling fraction', () => {
    const md = renderReport(withSigilloGas(results()));
    for (const heading of [
      '# Benchmarks',
      '## Machine',
      '## Targets as ratios',
      '## Targets in absolute figures',
      '## 1. Gas',
      '## 2. Ingest',
      '## 3. PostgreSQL ceiling',
      '## 4. Full audit',
      '## 5. Ledger',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('2 × cpu');
    expect(md).toContain('46.7 % of the ceiling'); // 2,100 / 4,500
    expect(md).toContain('n/a (log too short)');
    expect(md).toMatch(/audit ÷ floor +\| 2.00×/);
    expect(md).toContain('48.0 %'); // sends 1,200 of the simulator's 2,500
  });

  it('says which sections were left out', () => {
    const md = renderReport(results({ pgbench: null, gas: null }));
    expect(md).toContain('_Not run (pgbench was left out with BENCH_ONLY)._');
    expect(md).toContain('_Not run (gas was left out with BENCH_ONLY)._');
  });
});
