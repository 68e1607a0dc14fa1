// How much `npm run bench` measures: the full run (~15 minutes on 2 cores) or, with BENCH_QUICK=1,
// a smoke run of a few minutes that exercises every code path with fewer, shorter runs.

export const SECTIONS = ['pgbench', 'ingest', 'ledger', 'gas'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchPlan {
  quick: boolean;
  sections: Section[];
  pgbench: { runs: number; seconds: number; clients: number; threads: number };
  ingest: { runs: number; durationS: number; connections: number; sendBatch: number; anchorDelay: { rate: number; seconds: number } };
  ledger: { bigLog: number; appended: number; steadyRate: number; steadySeconds: number; proofSamples: number; anchorRuns: number; auditRuns: number };
  gas: { singleRuns: number; batchRuns: number; batches: number[] };
}

export function benchPlan(env: NodeJS.ProcessEnv): BenchPlan {
  const quick = ['1', 'true', 'yes'].includes((env.BENCH_QUICK ?? '').toLowerCase());
  const only = (env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown section(s) ${unknown.join(', ')}; choose among ${SECTIONS.join(', ')}`);
  return {
    quick,
    sections: only.length ? SECTIONS.filter((s) => only.includes(s)) : [...SECTIONS],
    pgbench: { runs: quick ? 1 : 5, seconds: quick ? 5 : 10, clients: 32, threads: 2 },
    ingest: {
      runs: quick ? 1 : 3,
      durationS: quick ? 5 : 10,
      connections: 32,
      sendBatch: quick ? 2_000 : 10_000,
      anchorDelay: { rate: quick ? 50 : 100, seconds: quick ? 10 : 30 },
    },
    ledger: {
      // 1,234 + 5 rounds of (1k + 10k + 100k) anchored entries need ~560k; the audit target is at 1M.
      bigLog: quick ? 150_000 : 1_000_000,
      appended: quick ? 50_000 : 200_000,
      steadyRate: 5_000,
      steadySeconds: quick ? 3 : 10,
      proofSamples: quick ? 200 : 2_000,
      anchorRuns: quick ? 1 : 5,
      auditRuns: quick ? 1 : 3,
    },
    gas: { singleRuns: quick ? 3 : 10, batchRuns: quick ? 1 : 3, batches: [10, 100] },
  };
}
