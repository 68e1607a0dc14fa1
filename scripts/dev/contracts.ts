import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { notificationLedgerArtifactPath } from '#sigillo/dev-stack';
import { packageBin, repoRoot } from '#sigillo/platform';
import { runQuietly } from './run-quietly.js';

/**
 * Runs `hardhat compile` when the artifact is missing or older than a contract source or the
 * Hardhat config (compiler settings change the bytecode too). Returns whether it compiled.
 */
export async function compileContractsIfStale(): Promise<boolean> {
  const artifact = notificationLedgerArtifactPath();
  if (existsSync(artifact) && statSync(artifact).mtimeMs >= newestSourceMtime()) return false;
  await runQuietly(process.execPath, [packageBin('hardhat'), 'compile', '--quiet'], 'hardhat compile');
  return true;
}

function newestSourceMtime(): number {
  const root = repoRoot();
  const files = [join(root, 'hardhat.config.ts'), ...solidityFiles(join(root, 'contracts'))];
  return Math.max(0, ...files.filter((f) => existsSync(f)).map((f) => statSync(f).mtimeMs));
}

function solidityFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.sol'))
    .map((f) => join(dir, f));
}
