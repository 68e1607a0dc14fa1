import { abVerdict, processCpuUs, summarizeAb, type HttpAbFigures, type HttpAbRun } from './http-ab.js';
import { httpLayerSection } from './report.js';
import type { BenchResults } from './results.js';

const run = (layer: HttpAbRun['layer'], rps: number, cpuUsPerEvent = 300): HttpAbRun => ({ layer, rps, p50: 5, p99: 20, non2xx: 0, cpuUsPerEvent });
const ab = (runs: HttpAbRun[]): HttpAbFigures => ({ connections: 32, durationS: 10, runs });

describe('HTTP layer A/B', () => {
  it('takes the median of each layer, in the order the layers ran', () => {
    const s = summarizeAb(ab([run('express+lane', 1000), run('fastify', 1200), run('express+lane', 3000), run('fastify', 1100), run('express+lane', 1100), run('fastify', 900)]));
    expect(s.map((x) => [x.layer, x.runs, x.rps])).toEqual([
      ['express+lane', 3, 1100],
      ['fastify', 3, 1100],
    ]);
  });

  it('calls more than 5% apart a win, and anything closer a tie', () => {
    const pair = (e: number, f: number) => abVerdict(ab([run('express+lane', e, 400), run('fastify', f, 300)]));
    expect(pair(1000, 1060)).toMatchObject({ verdict: 'fastify faster', ratio: 1.06, cpuRatio: 0.75 });
    expect(pair(1000, 1040)?.verdict).toBe('tie');
    expect(pair(1000, 960)?.verdict).toBe('tie');
    expect(pair(1000, 940)?.verdict).toBe('express+lane faster');
  });

  it('gives no verdict without both layers', () => {
    expect(abVerdict(ab([run('fastify', 1000)]))).toBeNull();
    expect(abVerdict(ab([]))).toBeNull();
  });

  it('reads a live process CPU time, and NaN for one that is not there', () => {
    expect(processCpuUs(process.pid)).toBeGreaterThan(0);
    expect(processCpuUs(undefined)).toBeNaN();
    expect(processCpuUs(2 ** 30)).toBeNaN();
  });

  it('renders the section only when the run measured it', () => {
    const figures = ab([run('express+lane', 3000, 410), run('fastify', 3600, 330)]);
    const text = httpLayerSection({ ingest: { httpAb: figures } } as unknown as BenchResults).join('\n');
    expect(text).toContain('### HTTP layer: Express with the event lane vs Fastify');
    expect(text).toContain('events/s +20.0 %');
    expect(text).toContain('Verdict: **fastify faster**');
    expect(httpLayerSection({ ingest: null } as unknown as BenchResults)).toEqual([]);
  });
});
