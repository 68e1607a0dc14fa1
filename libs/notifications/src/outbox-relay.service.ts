import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { WorkerConfig, PollLoop } from '#sigillo/platform';
import { NotificationRepository } from './notification.repository.js';
import { SEND_QUEUE, type SendJobData, sendJobOptions } from './send-queue.js';

const BATCH = 1000;

/**
 * Moves owed sends from the outbox table to the queue. The job id is the notification id, so
 * handing a row over twice (a lost Redis, a crash between claim and add) never makes two jobs.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationShutdown {
  private readonly loop: PollLoop;

  constructor(
    private readonly config: WorkerConfig,
    private readonly notifications: NotificationRepository,
    @InjectQueue(SEND_QUEUE) private readonly queue: Queue,
  ) {
    this.loop = new PollLoop(
      'outbox relay',
      config.OUTBOX_POLL_MS,
      async () => ((await this.relayOnce()) === BATCH ? 'more' : 'idle'),
      new Logger(OutboxRelayService.name),
    );
  }

  start(): void {
    this.loop.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass; returns how many rows were handed to the queue. */
  async relayOnce(): Promise<number> {
    // The queue holds at most OUTBOX_QUEUE_HIGH_WATER waiting jobs and the backlog stays in the
    // outbox. Otherwise a backlog larger than OUTBOX_REDISPATCH_MS of sends would be handed over
    // again and again, each time costing Redis and the worker what the sends need.
    const room = this.config.OUTBOX_QUEUE_HIGH_WATER - (await this.queue.getWaitingCount());
    if (room <= 0) return 0;
    const rows = await this.notifications.claimOutbox(this.config.OUTBOX_REDISPATCH_MS, Math.min(BATCH, room));
    if (rows.length === 0) return 0;
    await this.queue.addBulk(rows.map((r) => ({ name: 'send', data: sendJobData(r), opts: sendJobOptions(r.notificationId, this.config) })));
    return rows.length;
  }
}

function sendJobData(row: { notificationId: string; requestId: string | null }): SendJobData {
  return { notificationId: row.notificationId, ...(row.requestId ? { requestId: row.requestId } : {}) };
}
