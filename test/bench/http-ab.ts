// Issue 14 §4: the api's HTTP layer, Express with the event lane against Fastify, in one bench run
// on the same stack and database. Both apis run at once (the idle one costs nothing) and take
// turns, A B A B…, so that whatever else the machine does falls on both alike.
import { readFileSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import { median } from './stats.js';

export type HttpLayer = 'express+lane' | 'fastify';

export interface HttpAbRun {
  layer: HttpLayer;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** CPU time (user + system) of the api process per accepted event, in microseconds; NaN without /proc. */
  cpuUsPerEvent: number;
}

export interface HttpAbFigures {
  connections: number;
  durationS: number;
  runs: HttpAbRun[];
}

export interface LayerSummary {
  layer: HttpLayer;
  runs: number;
  rps: number;
  p50: number;
  p99: number;
  cpuUsPerEvent: number;
  non2xx: number;
}

/** Medians per layer, in the order the layers first ran. */
export function summarizeAb(f: HttpAbFigures): LayerSummary[] {
  const layers = [...new Set(f.runs.map((r) => r.layer))];
  return layers.map((layer) => {
    const rs = f.runs.filter((r) => r.layer === layer);
    const m = (k: keyof HttpAbRun) => median(rs.map((r) => Number(r[k])));
    return { layer, runs: rs.length, rps: m('rps'), p50: m('p50'), p99: m('p99'), cpuUsPerEvent: m('cpuUsPerEvent'), non2xx: rs.reduce((x, r) => x + r.non2xx, 0) };
  });
}

/**
 * Fastify against Express with the lane: events/s as a ratio (1.05 = Fastify 5% faster) and a
 * verdict. Within `noise` (5%: what the same layer's runs spread over on this machine) is a tie.
 */
export function abVerdict(f: HttpAbFigures, noise = 0.05): { ratio: number; cpuRatio: number; verdict: 'fastify faster' | 'tie' | 'express+lane faster' } | null {
  const s = summarizeAb(f);
  const express = s.find((x) => x.layer === 'express+lane');
  const fastify = s.find((x) => x.layer === 'fastify');
  if (!express || !fastify || !(express.rps > 0)) return null;
  const ratio = fastify.rps / express.rps;
  const cpuRatio = fastify.cpuUsPerEvent / express.cpuUsPerEvent;
  return { ratio, cpuRatio, verdict: ratio > 1 + noise ? 'fastify faster' : ratio < 1 - noise ? 'express+lane faster' : 'tie' };
}

/** User + system CPU of a process so far, in microseconds (Linux /proc; NaN elsewhere). */
export function processCpuUs(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1_000_000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}

// sysconf(_SC_CLK_TCK): 100 on every Linux build Node runs on.
const CLOCK_TICKS_PER_SECOND = 100;

export interface AbTarget {
  layer: HttpLayer;
  url: string;
  process: ChildProcess;
}

/** Runs `pairs` × (A then B), each `fire`d at its own api, measuring the api process's CPU around each run. */
export async function runHttpAb(o: {
  targets: [AbTarget, AbTarget];
  pairs: number;
  connections: number;
  durationS: number;
  fire: (url: string) => Promise<{ accepted: number; p50: number; p99: number; non2xx: number }>;
  say: (line: string) => void;
}): Promise<HttpAbFigures> {
  const runs: HttpAbRun[] = [];
  for (let pair = 0; pair < o.pairs; pair++) {
    for (const t of o.targets) {
      o.say(`HTTP layer A/B: ${t.layer}, run ${pair + 1}/${o.pairs}`);
      const cpu0 = processCpuUs(t.process.pid);
      const r = await o.fire(t.url);
      const cpu = processCpuUs(t.process.pid) - cpu0;
      runs.push({ layer: t.layer, rps: r.accepted / o.durationS, p50: r.p50, p99: r.p99, non2xx: r.non2xx, cpuUsPerEvent: r.accepted > 0 ? cpu / r.accepted : NaN });
    }
  }
  return { connections: o.connections, durationS: o.durationS, runs };
}
