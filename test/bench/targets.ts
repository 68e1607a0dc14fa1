// Issue 6's targets, judged from the measured figures. Pure, so the verdicts are tested.
import type { BenchResults } from './results.js';
import { formatNumber as fmt, median } from './stats.js';

export interface TargetVerdict {
  target: string;
  measured: string;
  /** null: not evaluated (section not run, or a quick run too small to say). */
  met: boolean | null;
}

export const TARGETS = {
  gasRatio: 1000,
  ingestRate: 2000,
  ingestP99Ms: 50,
  sendRate: 1000,
  // Meta: receivers must take 3x the messages sent per second in status webhooks, median <= 250 ms, < 1% over 1 s.
  webhookRate: 3000,
  webhookP50Ms: 250,
  webhookP99Ms: 1000,
  anchoredP99Ms: 5000,
  auditEntries: 1_000_000,
  auditSeconds: 30,
} as const;

/** Issue 14: verdicts that hold on any machine, each figure against a floor measured in the same run. */
export const RATIO_TARGETS = {
  ingestAloneOfCeiling: 0.85,
  ingestMixedOfCeiling: 0.5,
  auditOverFloor: 2,
} as const;

export function judgeRatios(r: BenchResults): TargetVerdict[] {
  const ceiling = r.pgbench?.median;
  const pct = (x: number) => `${fmt(x * 100, 1)} %`;
  const share = (label: string, runs: { rps: number; p99: number }[] | undefined, min: number, p99Max: number | null): TargetVerdict => {
    const rps = runs?.length ? median(runs.map((x) => x.rps)) : NaN;
    const p99 = runs?.length ? median(runs.map((x) => x.p99)) : NaN;
    const known = ceiling !== undefined && !Number.isNaN(rps);
    return {
      target: `ingest (${label}) >= ${pct(min)} of the PostgreSQL ceiling (pgbench, same run)${p99Max === null ? '' : ` with p99 <= ${p99Max} ms`}`,
      measured: known ? `${pct(rps / ceiling)}: ${fmt(rps)} events/s of ${fmt(ceiling)} tps, p99 ${fmt(p99, 1)} ms` : 'not measured',
      met: known ? rps / ceiling >= min && (p99Max === null || p99 <= p99Max) : null,
    };
  };
  const verdicts = [
    share('api alone', r.ingest?.alone, RATIO_TARGETS.ingestAloneOfCeiling, TARGETS.ingestP99Ms),
    share('api while the worker sends', r.ingest?.mixed, RATIO_TARGETS.ingestMixedOfCeiling, null),
  ];
  const audit = r.ledger?.audit;
  const auditSeconds = audit ? median(audit.runs.map((x) => x.seconds)) : NaN;
  const judged = audit && audit.entries >= TARGETS.auditEntries && audit.floor.seconds > 0;
  verdicts.push({
    target: `full audit of ${fmt(TARGETS.auditEntries)} entries within ${RATIO_TARGETS.auditOverFloor}× its floor (COPY of the same rows + hashing as many leaves and nodes)`,
    measured: audit
      ? `${fmt(auditSeconds / audit.floor.seconds, 2)}×: ${fmt(auditSeconds, 1)} s against ${fmt(audit.floor.seconds, 1)} s ` +
        `(COPY ${fmt(median(audit.floor.copySeconds), 1)} s + hashing ${fmt(median(audit.floor.hashSeconds), 1)} s)`
      : 'not measured',
    met: judged ? audit.runs.every((x) => x.exitCode === 0) && auditSeconds <= RATIO_TARGETS.auditOverFloor * audit.floor.seconds : null,
  });
  return verdicts;
}

export function judgeTargets(r: BenchResults): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];

  const at10k = r.gas?.sigillo.find((g) => g.entriesPerAnchor === 10_000 && g.runs > 0);
  const attest = r.gas?.eas.rows.find((g) => g.method === 'EAS attest');
  verdicts.push({
    target: `gas per entry at 10k entries per anchor <= 1/${fmt(TARGETS.gasRatio)} of EAS attest`,
    measured:
      at10k && attest ? `${fmt(at10k.gasPerEntry, 2)} vs ${fmt(attest.gasPerEntry)} gas: 1/${fmt(attest.gasPerEntry / at10k.gasPerEntry)}` : 'not measured',
    met: at10k && attest ? attest.gasPerEntry / at10k.gasPerEntry >= TARGETS.gasRatio : null,
  });

  const load = (label: string, runs: { rps: number; p99: number }[] | undefined) => {
    const rps = runs && runs.length ? median(runs.map((x) => x.rps)) : NaN;
    const p99 = runs && runs.length ? median(runs.map((x) => x.p99)) : NaN;
    verdicts.push({
      target: `ingest >= ${fmt(TARGETS.ingestRate)} events/s with p99 <= ${TARGETS.ingestP99Ms} ms (${label})`,
      measured: Number.isNaN(rps) ? 'not measured' : `${fmt(rps)} events/s, p99 ${fmt(p99, 1)} ms`,
      met: Number.isNaN(rps) ? null : rps >= TARGETS.ingestRate && p99 <= TARGETS.ingestP99Ms,
    });
  };
  load('api alone', r.ingest?.alone);
  load('api while the worker sends', r.ingest?.mixed);

  const sends = r.ingest?.sendCapacity;
  verdicts.push({
    target: `>= ${fmt(TARGETS.sendRate)} sends/s when the simulator allows it (one phone number's cap lifted past Meta's 1,000/s)`,
    measured:
      sends === undefined
        ? 'not measured'
        : `${fmt(sends)} sends/s (${fmt(r.ingest!.sendRate)} at the 1,000/s cap, ${fmt(r.ingest!.sendRateWithStatuses)} with status webhooks)`,
    met: sends === undefined ? null : sends >= TARGETS.sendRate,
  });

  const hooks = r.ingest?.webhooks;
  const hookRps = hooks && hooks.runs.length ? median(hooks.runs.map((x) => x.rps)) : NaN;
  const hookP50 = hooks && hooks.runs.length ? median(hooks.runs.map((x) => x.p50)) : NaN;
  const hookP99 = hooks && hooks.runs.length ? median(hooks.runs.map((x) => x.p99)) : NaN;
  verdicts.push({
    target:
      `status webhooks >= ${fmt(TARGETS.webhookRate)}/s accepted, p50 <= ${TARGETS.webhookP50Ms} ms, p99 <= ${fmt(TARGETS.webhookP99Ms / 1000)} s, all applied ` +
      `(Meta's requirement at ${fmt(TARGETS.sendRate)} sends/s)`,
    measured: Number.isNaN(hookRps)
      ? 'not measured'
      : `${fmt(hookRps)}/s, p50 ${fmt(hookP50, 1)} ms, p99 ${fmt(hookP99, 1)} ms; ${fmt(hooks!.appliedPerSecond)} statuses applied/s` +
        (hooks!.unapplied ? `, ${fmt(hooks!.unapplied)} not applied after 2 minutes` : ''),
    met: Number.isNaN(hookRps)
      ? null
      : hookRps >= TARGETS.webhookRate && hookP50 <= TARGETS.webhookP50Ms && hookP99 <= TARGETS.webhookP99Ms && hooks!.unapplied === 0,
  });

  const delay = r.ingest?.anchorDelay;
  verdicts.push({
    target: `event -> anchored on chain p99 <= ${fmt(TARGETS.anchoredP99Ms / 1000)} s (dev settings)`,
    measured: delay ? `p99 ${fmt(delay.p99 / 1000, 2)} s${delay.lost ? ` (${delay.lost} of ${delay.events} events never anchored)` : ''}` : 'not measured',
    met: delay ? delay.p99 <= TARGETS.anchoredP99Ms && delay.lost === 0 : null,
  });

  const audit = r.ledger?.audit;
  const auditSeconds = audit ? median(audit.runs.map((x) => x.seconds)) : NaN;
  const auditOk = audit ? audit.runs.every((x) => x.exitCode === 0) : false;
  verdicts.push({
    target: `full audit of ${fmt(TARGETS.auditEntries)} entries <= ${TARGETS.auditSeconds} s`,
    measured: audit ? `${fmt(auditSeconds, 1)} s for ${fmt(audit.entries)} entries${auditOk ? '' : ' (the audit reported problems)'}` : 'not measured',
    met: !audit || audit.entries < TARGETS.auditEntries ? null : auditOk && auditSeconds <= TARGETS.auditSeconds,
  });
  return verdicts;
}
