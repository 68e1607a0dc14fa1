// Times `sigillo audit` as an auditor runs it: the CLI as its own process, reading the database and
// the chain, so the figure includes everything the command does (and nothing the bench does).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '#sigillo/platform';

export interface AuditRun {
  seconds: number;
  exitCode: number;
  /** The CLI's last line: "audit OK: … verified in N s" or the failure summary. */
  summary: string;
}

export async function runCliAudit(env: { databaseUrl: string; rpcUrl: string; contract: string }, extraNodeArgs: string[] = []): Promise<AuditRun> {
  const cli = join(repoRoot(), 'dist/apps/cli/src/main.js');
  const started = performance.now();
  const child = spawn(process.execPath, [...extraNodeArgs, cli, 'audit', '--quiet'], {
    env: { ...process.env, DATABASE_URL: env.databaseUrl, CHAIN_RPC_URL: env.rpcUrl, LEDGER_CONTRACT_ADDRESS: env.contract },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 2)));
  const seconds = (performance.now() - started) / 1000;
  const lines = output.trim().split('\n');
  return { seconds, exitCode, summary: lines[lines.length - 1] ?? '' };
}
