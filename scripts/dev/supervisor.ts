import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { DEV_RESTART_POLICY, decideRestart, type RestartPolicy } from './restart-policy.js';

interface Managed {
  name: string;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * Keeps the long-running children of `npm run dev`: prefixes their output, restarts one that
 * dies on its own (`spawn`ed ones, within `DEV_RESTART_POLICY`), reports the one that cannot be
 * restarted, and stops them all, last started first (api and worker before the chain they talk to).
 */
export class Supervisor {
  private readonly children: Managed[] = [];
  private stopping = false;

  constructor(
    /** Called once, for the first child that exits on its own and is not restarted. */
    private readonly onUnexpectedExit: (name: string, how: string) => void,
    /** One line about a restart. */
    private readonly log: (line: string) => void = () => undefined,
    private readonly policy: RestartPolicy = DEV_RESTART_POLICY,
  ) {}

  /** Starts a child that is started again, the same way, when it dies on its own. */
  spawn(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
    let child!: ChildProcess;
    let exited!: Promise<void>;
    let crashes: number[] = [];
    let pendingRestart: NodeJS.Timeout | undefined;
    const start = () => {
      // Own process group: a Ctrl-C in the terminal reaches only us, and we stop children in order.
      child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      prefixLines(child.stdout!, process.stdout, `[${name}] `);
      prefixLines(child.stderr!, process.stderr, `[${name}] `);
      exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const started = child;
      started.once('exit', (code, signal) => {
        if (this.stopping) return;
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        // Whatever it left in its group (a grandchild holding a port) goes before the new one starts.
        if (started.pid !== undefined) signalGroup(started.pid, 'SIGKILL');
        const decision = decideRestart(crashes, Date.now(), this.policy);
        crashes = decision.recentCrashes;
        const within = `${Math.round(this.policy.windowMs / 1000)} s`;
        if (!decision.restart) {
          this.giveUp(name, `${how}, ${decision.crashesInWindow} crashes within ${within}: not restarting it again`);
          return;
        }
        this.log(
          `${name} ${how}; restarting it in ${decision.delayMs} ms (crash ${decision.crashesInWindow} of ${this.policy.maxCrashes} within ${within} stops the stack)`,
        );
        pendingRestart = setTimeout(() => {
          pendingRestart = undefined;
          if (!this.stopping) start();
        }, decision.delayMs);
      });
      // Could not run at all (no such file): starting again would fail the same way.
      started.once('error', (err) => this.giveUp(name, `could not run: ${err.message}`));
    };
    start();
    this.children.push({
      name,
      stop: async () => {
        clearTimeout(pendingRestart);
        await stopGroup(child, exited);
      },
    });
    return child;
  }

  /** Supervises a process started elsewhere (the Hardhat node), stopped with its own stop(); never restarted. */
  adopt(name: string, child: ChildProcess, stop: () => Promise<void>, why = 'it cannot be restarted alone'): void {
    this.children.push({ name, stop });
    child.once('exit', (code, signal) => this.giveUp(name, `${signal ? `was killed by ${signal}` : `exited with code ${code}`} (${why})`));
    child.once('error', (err) => this.giveUp(name, `could not run: ${err.message}`));
  }

  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const child of [...this.children].reverse()) await child.stop();
  }

  /** In the order stopAll() stops them. */
  names(): string[] {
    return this.children.map((c) => c.name).reverse();
  }

  private giveUp(name: string, how: string): void {
    if (this.stopping) return;
    this.stopping = true; // the others are stopped next; their exits are expected
    this.onUnexpectedExit(name, how);
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
