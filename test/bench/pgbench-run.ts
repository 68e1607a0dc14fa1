// PostgreSQL's own rate for what one accepted event writes, measured with pgbench (C client, no
// HTTP, no Node): the ceiling Sigillo's intake is compared with. Runs on a scratch database with
// Sigillo's schema, so the tables, indexes and row sizes are the real ones.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { dropDatabase, ensureDatabase, migrateDatabase } from '#sigillo/dev-stack';
import { benchEvent } from './bench-event.js';
import { intakeScript, parsePgbenchTps, type IntakeSample } from './pgbench-script.js';
import { median } from './stats.js';

export interface PgbenchOptions {
  databaseUrl: string;
  runs: number;
  seconds: number;
  clients: number;
  threads: number;
  pgbench?: string;
  onProgress?: (line: string) => void;
}

export interface PgbenchFigures {
  tps: number[];
  median: number;
  clients: number;
  threads: number;
  seconds: number;
  version: string;
}

/** Rows shaped like the api's for the bench's own `message.sent` event. */
function intakeSample(): IntakeSample {
  const tenantId = randomUUID();
  const event = JSON.parse(benchEvent()) as { id: string; type: string; occurredAt: string; recipient: object; data: Record<string, string> };
  const payload = {
    occurredAt: event.occurredAt,
    recipient: { ...event.recipient, groups: [], whatsappOptOut: false },
    data: event.data,
    createdByAgent: false,
  };
  return {
    tenantId,
    eventType: event.type,
    payload,
    parameters: { body: [event.data.firstName, event.data.messageSubject, event.data.siteUrl] },
    receivedBody: { tenantId, eventType: event.type, ...payload },
    decidedBody: { tenantId, decision: 'SEND', template: { name: 'bench_template', language: 'it', category: 'UTILITY', status: 'APPROVED' } },
  };
}

export async function runPgbench(opts: PgbenchOptions): Promise<PgbenchFigures> {
  const bin = opts.pgbench ?? process.env.PGBENCH ?? '/usr/bin/pgbench';
  await dropDatabase(opts.databaseUrl);
  await ensureDatabase(opts.databaseUrl);
  await migrateDatabase(opts.databaseUrl);
  const dir = mkdtempSync(join(tmpdir(), 'sigillo-pgbench-'));
  try {
    const script = join(dir, 'intake.sql');
    writeFileSync(script, intakeScript(intakeSample()));
    const url = new URL(opts.databaseUrl);
    const conn = ['-h', url.hostname, '-p', url.port || '5432', '-U', decodeURIComponent(url.username || 'postgres')];
    const env = { ...process.env, ...(url.password ? { PGPASSWORD: decodeURIComponent(url.password) } : {}) };
    const dbName = url.pathname.slice(1);
    const tps: number[] = [];
    for (let r = 0; r < opts.runs; r++) {
      opts.onProgress?.(`pgbench run ${r + 1}/${opts.runs}`);
      // -n: no vacuum of pgbench's own tables (there are none); -M prepared, as the api's named statements.
      const args = [...conn, '-n', '-M', 'prepared', '-f', script, '-c', String(opts.clients), '-j', String(opts.threads), '-T', String(opts.seconds), dbName];
      tps.push(parsePgbenchTps(await run(bin, args, env)));
    }
    const version = (await run(bin, ['--version'], env)).trim();
    return { tps, median: median(tps), clients: opts.clients, threads: opts.threads, seconds: opts.seconds, version };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase(opts.databaseUrl).catch(() => undefined);
  }
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${bin} ${args.join(' ')} exited ${code}:\n${out.trim().split('\n').slice(-5).join('\n')}`)),
    );
  });
}
