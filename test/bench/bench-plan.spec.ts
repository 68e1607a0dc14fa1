import { benchPlan, SECTIONS } from './bench-plan.js';

describe('benchPlan', () => {
  it('runs every section at full size by default', () => {
    const plan = benchPlan({});
    expect(plan.quick).toBe(false);
    expect(plan.sections).toEqual([...SECTIONS]);
    expect(plan.ledger.bigLog).toBe(1_000_000);
  });

  it('shrinks every section with BENCH_QUICK=1', () => {
    const full = benchPlan({});
    const quick = benchPlan({ BENCH_QUICK: '1' });
    expect(quick.quick).toBe(true);
    expect(quick.ledger.bigLog).toBeLessThan(full.ledger.bigLog);
    expect(quick.ingest.runs * quick.ingest.durationS).toBeLessThan(full.ingest.runs * full.ingest.durationS);
    expect(quick.pgbench.runs * quick.pgbench.seconds).toBeLessThan(full.pgbench.runs * full.pgbench.seconds);
  });

  it('keeps one anchor per step within the quick log', () => {
    const { ledger } = benchPlan({ BENCH_QUICK: '1' });
    expect(ledger.bigLog).toBeGreaterThan(1_234 + 1_000 + 10_000 + 100_000);
  });

  it('runs the sections BENCH_ONLY names, in the usual order, and refuses unknown ones', () => {
    expect(benchPlan({ BENCH_ONLY: 'gas, pgbench' }).sections).toEqual(['pgbench', 'gas']);
    expect(() => benchPlan({ BENCH_ONLY: 'gaz' })).toThrow(/unknown section\(s\) gaz/);
  });
});
