// The Overview's charts from GET /console/api/overview: one row per day with a series per outcome
// and per refusal reason, one row per day with a series per pricing category, and the anchoring
// health verdict.
import type { Overview, OverviewDay } from '../api/types.js';

/** Each message counts once, under the furthest outcome it reached (a read message is not also counted as sent). */
export const DELIVERY_SERIES = ['pending', 'sent', 'delivered', 'read', 'failed'] as const;

/** Every refusal reason that occurs in the period, most frequent first (ties by name). */
export function refusalReasons(perDay: OverviewDay[]): string[] {
  const totals = new Map<string, number>();
  for (const day of perDay) for (const [reason, n] of Object.entries(day.refused ?? {})) totals.set(reason, (totals.get(reason) ?? 0) + n);
  return [...totals]
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([r]) => r);
}

/** Rows for a stacked bar chart: day, the delivery outcomes, and `refused:<REASON>` per reason (0 when none). */
export function outcomeRows(perDay: OverviewDay[]): Record<string, string | number>[] {
  const reasons = refusalReasons(perDay);
  return [...perDay]
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((d) => {
      const row: Record<string, string | number> = { day: d.day };
      for (const s of DELIVERY_SERIES) row[s] = d[s] ?? 0;
      for (const r of reasons) row[`refused:${r}`] = d.refused?.[r] ?? 0;
      return row;
    });
}

/** Rows for the pricing chart: day and one column per category, 0 where a category has none that day. */
export function pricingRows(perCategory: Overview['perPricingCategory']): { categories: string[]; rows: Record<string, string | number>[] } {
  const categories = [...new Set(perCategory.map((p) => p.category))].sort();
  const byDay = new Map<string, Record<string, string | number>>();
  for (const p of perCategory) {
    const row = byDay.get(p.day) ?? { day: p.day, ...Object.fromEntries(categories.map((c) => [c, 0])) };
    row[p.category] = (row[p.category] as number) + p.n;
    byDay.set(p.day, row);
  }
  return { categories, rows: [...byDay.values()].sort((a, b) => String(a.day).localeCompare(String(b.day))) };
}

export type AnchoringHealth = 'healthy' | 'lagging' | 'notAnchored';

/** Healthy while the unanchored tail is younger than `maxLagSeconds` (an anchor every few minutes is normal). */
export function anchoringHealth(a: Overview['anchoring'], maxLagSeconds = 900): AnchoringHealth {
  if (a.latestAnchoredSize === null || a.latestAnchoredSize === 0) return a.ledgerSize === 0 ? 'healthy' : 'notAnchored';
  if (a.lagEntries === 0) return 'healthy';
  return a.lagSeconds !== null && a.lagSeconds <= maxLagSeconds ? 'healthy' : 'lagging';
}

/** Totals for the period, for the figures above the charts. */
export function totals(perDay: OverviewDay[]): Record<(typeof DELIVERY_SERIES)[number] | 'refused', number> {
  const t = { pending: 0, sent: 0, delivered: 0, read: 0, failed: 0, refused: 0 };
  for (const d of perDay) {
    for (const s of DELIVERY_SERIES) t[s] += d[s] ?? 0;
    for (const n of Object.values(d.refused ?? {})) t.refused += n;
  }
  return t;
}
