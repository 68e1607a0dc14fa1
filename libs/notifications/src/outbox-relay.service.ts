import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkerConfig } from '../../platform/src/config.js';
import { NotificationRepository } from './notification.repository.js';
import { SEND_QUEUE, sendJobOptions } from './send-queue.js';

const BATCH = 1000;

/**
 * Moves owed sends from the outbox table to the queue. The job id is the notification id, so
 * handing a row over twice (a lost Redis, a crash between claim and add) never makes two jobs.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private running = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly config: WorkerConfig,
    private readonly notifications: NotificationRepository,
    @InjectQueue(SEND_QUEUE) private readonly queue: Queue,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** One pass; returns how many rows were handed to the queue. */
  async relayOnce(): Promise<number> {
    const rows = await this.notifications.claimOutbox(this.config.OUTBOX_REDISPATCH_MS, BATCH);
    if (rows.length === 0) return 0;
    await this.queue.addBulk(
      rows.map((r) => ({ name: 'send', data: { notificationId: r.notificationId }, opts: sendJobOptions(r.notificationId, this.config) })),
    );
    return rows.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const moved = await this.relayOnce();
        if (moved === BATCH) continue;
      } catch (err) {
        this.logger.warn(`outbox relay: ${(err as Error).message}`);
      }
      await sleep(this.config.OUTBOX_POLL_MS);
    }
  }
}
