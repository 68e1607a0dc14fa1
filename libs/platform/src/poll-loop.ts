import type { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `step` again and again: straight away while it reports a full batch, after `idleMs` when
 * it did not, and after `idleMs` when it failed (logged, never fatal: the database or Redis may
 * come back). stop() waits for the step under way, not for the pause after it: a shutdown is not
 * held up by an idle loop.
 */
export class PollLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private wake = new AbortController();

  constructor(
    private readonly name: string,
    private readonly idleMs: number,
    private readonly step: () => Promise<'more' | 'idle'>,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake = new AbortController();
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        if ((await this.step()) === 'more') continue;
      } catch (err) {
        this.logger.warn(`${this.name}: ${(err as Error).message}`);
      }
      await sleep(this.idleMs, undefined, { signal: this.wake.signal }).catch(() => undefined);
    }
  }
}
