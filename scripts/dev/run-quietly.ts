import { spawn } from 'node:child_process';

import { repoRoot } from '#sigillo/platform';

/** Runs a short command from the project root; its output is shown only when it fails. Resolves to its stdout. */
export async function runQuietly(command: string, args: string[], what: string, env = process.env): Promise<string> {
  const child = spawn(command, args, { cwd: repoRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`${what} failed (exit ${code}):\n${output.trim()}`);
  return stdout;
}
