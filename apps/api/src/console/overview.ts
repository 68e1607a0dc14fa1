// The overview's days: every day of the period, with the counts the queries found (zero otherwise).
import type { DayOutcomes } from './console-overview.repository.js';

export interface OverviewDay {
  day: string;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  pending: number;
  refused: Record<string, number>;
}

/** The UTC days from `since` to `today` inclusive, as YYYY-MM-DD. */
export function daysBetween(since: Date, today: Date): string[] {
  const days: string[] = [];
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  for (let t = Date.UTC(since.getUTCFullYear(), since.getUTCMonth(), since.getUTCDate()); t <= end; t += 86_400_000)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The first instant of the period of `days` days ending today (UTC). */
export function periodStart(days: number, now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (days - 1) * 86_400_000);
}

export function overviewDays(days: string[], outcomes: DayOutcomes[], refused: { day: string; reason: string; n: number }[]): OverviewDay[] {
  const byDay = new Map(outcomes.map((o) => [o.day, o]));
  return days.map((day) => {
    const o = byDay.get(day);
    const r: Record<string, number> = {};
    for (const x of refused) if (x.day === day) r[x.reason] = x.n;
    return { day, sent: o?.sent ?? 0, delivered: o?.delivered ?? 0, read: o?.read ?? 0, failed: o?.failed ?? 0, pending: o?.pending ?? 0, refused: r };
  });
}
