// What the figures were measured on: they mean little without the machine and versions beside them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';
import { repoRoot } from '#sigillo/platform';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  redis: string;
  hardhat: string;
  commit: string;
  /** 1-minute load average when the run started: other work on the machine skews every figure. */
  loadAtStart: number;
}

const require = createRequire(import.meta.url);

export async function machineInfo(databaseUrl: string, redisUrl: string): Promise<MachineInfo> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  const postgres = (await db.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  await db.end();
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const redisVersion = /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  redis.disconnect();
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: os.totalmem() / 2 ** 30,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres,
    redis: redisVersion,
    hardhat: (JSON.parse(readFileSync(require.resolve('hardhat/package.json'), 'utf8')) as { version: string }).version,
    commit: gitCommit(),
    loadAtStart: os.loadavg()[0],
  };
}

function gitCommit(): string {
  try {
    const run = (args: string[]) => execFileSync('git', args, { cwd: repoRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const head = run(['rev-parse', '--short', 'HEAD']);
    return run(['status', '--porcelain']) ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}
