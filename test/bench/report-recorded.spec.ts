import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '#sigillo/platform';
import { renderReport } from './report.js';
import type { BenchResults } from './results.js';

const nothingRun: BenchResults = {
  quick: true,
  startedAt: new Date('2026-12-02T12:00:00Z'),
  finishedAt: new Date('2026-12-02T12:01:00Z'),
  loadAtEnd: 1,
  machine: { cpus: 2, cpuModel: 'cpu', memoryGiB: 8, os: 'Linux', node: 'v24', postgres: '15', redis: '7', hardhat: '3', commit: 'abc', loadAtStart: 1 },
  pgbench: null,
  ingest: null,
  ledger: null,
  gas: null,
  devSettings: {},
};

describe('recorded sections of docs/BENCH.md', () => {
  it("copies the HTTP-layer A/B as recorded, after the ingest section and without the file's comment", () => {
    const recorded = readFileSync(join(repoRoot(), 'docs/bench/http-layer-ab.md'), 'utf8');
    const md = renderReport(nothingRun, { httpLayerAb: recorded });
    expect(md).toContain('### HTTP layer: Express with the event lane vs Fastify');
    expect(md).toContain('Verdict: **tie**');
    expect(md).not.toContain('<!--');
    expect(md.indexOf('## 2. Ingest')).toBeLessThan(md.indexOf('### HTTP layer'));
    expect(md.indexOf('### HTTP layer')).toBeLessThan(md.indexOf('## 3. PostgreSQL ceiling'));
  });

  it('leaves it out when there is none', () => {
    expect(renderReport(nothingRun)).not.toContain('### HTTP layer');
  });
});
