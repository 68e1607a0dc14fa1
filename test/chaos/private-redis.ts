import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/**
 * A redis-server of our own on its own port, without persistence: FLUSHALL and a restart lose
 * everything, as a Redis without a disk would. The machine's Redis is never touched.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;

  private constructor(
    readonly port: number,
    private readonly logFile: string,
  ) {}

  static async create(port: number, logFile: string): Promise<PrivateRedis> {
    const redis = new PrivateRedis(port, logFile);
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    const deadline = Date.now() + 15_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`chaos: redis-server on port ${this.port} exited (code ${child.exitCode}); see ${this.logFile}`);
      if (await this.ping()) return;
      if (Date.now() > deadline) throw new Error(`chaos: redis-server on port ${this.port} did not answer within 15 s`);
      await sleep(100);
    }
  }

  async flushAll(): Promise<void> {
    await this.command((c) => c.flushall());
  }

  /** SHUTDOWN NOSAVE and wait for the process to go. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await this.command((c) => c.call('SHUTDOWN', 'NOSAVE')).catch(() => undefined);
    const killed = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killed);
  }

  private async ping(): Promise<boolean> {
    return this.command((c) => c.ping()).then(
      (r) => r === 'PONG',
      () => false,
    );
  }

  private async command<T>(fn: (c: Redis) => Promise<T>): Promise<T> {
    const client = new Redis({ port: this.port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await fn(client);
    } finally {
      client.disconnect();
    }
  }
}
