import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../dist/apps/cli/src/main.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Far above any command's run in the tests; a CLI that hangs is killed rather than left running.
const CLI_TIMEOUT_MS = 60_000;

/** Runs the built auditor CLI (`npm run build` first) as an auditor would: a separate process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: CLI_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === null && signal === 'SIGKILL')
        reject(new Error(`sigillo ${args[0] ?? ''} did not finish within ${CLI_TIMEOUT_MS} ms; killed. Its stderr: ${stderr.trim()}`));
      else resolve({ code, stdout, stderr });
    });
  });
}
