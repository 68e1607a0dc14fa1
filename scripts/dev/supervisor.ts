import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

interface Managed {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Keeps the long-running children of `npm run dev`: prefixes their output, reports the first one
 * that dies on its own, and stops them all, last started first (api and worker before the chain
 * they talk to).
 */
export class Supervisor {
  private readonly children: Managed[] = [];
  private stopping = false;

  /** Called once, for the first child that exits while nothing asked it to. */
  constructor(private readonly onUnexpectedExit: (name: string, how: string) => void) {}

  spawn(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
    // Own process group: a Ctrl-C in the terminal reaches only us, and we stop children in order.
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    prefixLines(child.stdout!, process.stdout, `[${name}] `);
    prefixLines(child.stderr!, process.stderr, `[${name}] `);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    this.adopt(name, child, () => stopGroup(child, exited));
    return child;
  }

  /** Supervises a process started elsewhere (the Hardhat node), stopped with its own stop(). */
  adopt(name: string, child: ChildProcess, stop: () => Promise<void>): void {
    this.children.push({ name, process: child, stop });
    child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.stopping = true; // the others are stopped next; their exits are expected
      this.onUnexpectedExit(name, signal ? `was killed by ${signal}` : `exited with code ${code}`);
    });
    child.once('error', (err) => {
      if (this.stopping) return;
      this.stopping = true;
      this.onUnexpectedExit(name, `could not run: ${err.message}`);
    });
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const child of [...this.children].reverse()) await child.stop();
  }

  /** In the order stopAll() stops them. */
  names(): string[] {
    return this.children.map((c) => c.name).reverse();
  }
}

export function prefixLines(input: Readable, output: NodeJS.WritableStream, prefix: string, keep: (line: string) => boolean = () => true): void {
  createInterface({ input, crlfDelay: Infinity }).on('line', (line) => {
    if (keep(line)) output.write(`${prefix}${line}\n`);
  });
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined) return; // never started
  if (child.exitCode === null && child.signalCode === null) {
    signalGroup(child.pid, 'SIGTERM');
    // Nest closes its connections on SIGTERM; give it time, then stop waiting.
    const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  signalGroup(child.pid, 'SIGKILL'); // anything the child left behind in its group
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: already gone
  }
}
