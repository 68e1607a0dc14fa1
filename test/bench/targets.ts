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

export function judgeTargets(r: BenchResults): TargetVerdict[] {
  const verdicts: TargetVerdict[] = [];

  const at10k = r.gas?.sigillo.find((g) => g.entriesPerAnchor === 10_000 && g.runs > 0);
  const attest = r.gas?.eas.rows.find((g) => g.method === 'EAS attest');
  verdicts.push({
    target: `gas per entry at 10k entries per anchor <= 1/${fmt(TARGETS.gasRatio)} of EAS attest`,
    measured: at10k && attest ? `${fmt(at10k.gasPerEntry, 2)} vs ${fmt(attest.gasPerEntry)} gas: 1/${fmt(attest.gasPerEntry / at10k.gasPerEntry)}` : 'not measured',
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
    measured: sends === undefined ? 'not measured' : `${fmt(sends)} sends/s (${fmt(r.ingest!.sendRate)} at the 1,000/s cap, ${fmt(r.ingest!.sendRateWithStatuses)} with status webhooks)`,
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
    met: Number.isNaN(hookRps) ? null : hookRps >= TARGETS.webhookRate && hookP50 <= TARGETS.webhookP50Ms && hookP99 <= TARGETS.webhookP99Ms && hooks!.unapplied === 0,
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
    measured: audit
      ? `${fmt(auditSeconds, 1)} s for ${fmt(audit.entries)} entries${auditOk ? '' : ' (the audit reported problems)'}`
      : 'not measured',
    met: !audit || audit.entries < TARGETS.auditEntries ? null : auditOk && auditSeconds <= TARGETS.auditSeconds,
  });
  return verdicts;
}
