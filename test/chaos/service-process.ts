import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '#sigillo/platform';

/**
 * One Sigillo process (api, worker, simulator) run from dist/ as deployed, its output appended to
 * a log file. It can be killed without warning and started again with the same environment.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private readonly log: WriteStream;
  /** Exits nobody asked for: a process that dies by itself is a finding. */
  readonly unexpectedExits: string[] = [];
  private expectingExit = false;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
  ) {
    this.log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(): void {
    this.expectingExit = false;
    const child = spawn(process.execPath, [join(repoRoot(), this.script)], { env: this.env, cwd: repoRoot(), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    child.once('exit', (code, signal) => {
      if (!this.expectingExit) this.unexpectedExits.push(`${this.name} exited by itself (code ${code}, signal ${signal}) at ${new Date().toISOString()}`);
    });
    this.child = child;
  }

  /** SIGKILL: no shutdown hook runs, locks go only with the dead connections. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(forced);
  }

  async stop(): Promise<void> {
    await this.kill('SIGTERM');
  }

  /**
   * SIGTERM as an orchestrator sends it, then how the process went: how long it took, its exit
   * code, and whether it had to be SIGKILLed after `boundMs` (a graceful shutdown never needs that).
   */
  async terminate(boundMs: number): Promise<{ ms: number; code: number | null; signal: string | null; forced: boolean }> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) throw new Error(`${this.name} is not running`);
    this.child = null;
    this.expectingExit = true;
    const started = Date.now();
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    let forced = false;
    const timer = setTimeout(() => {
      forced = true;
      child.kill('SIGKILL');
    }, boundMs);
    const { code, signal } = await exited;
    clearTimeout(timer);
    return { ms: Date.now() - started, code, signal, forced };
  }

  close(): void {
    this.log.end();
  }
}
