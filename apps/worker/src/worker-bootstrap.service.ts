import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { SequencerService } from '#sigillo/ledger';
import { OutboxRelayService } from '#sigillo/notifications';
import { WorkerConfig, PollLoop, ANCHORING_QUEUE, MAINTENANCE_QUEUE } from '#sigillo/platform';
import { CatalogService } from '#sigillo/templates';
import { WebhookProcessingService } from '#sigillo/webhooks';

// How soon a schedule lost with Redis (FLUSHALL, a restart without persistence) is back.
const SCHEDULE_CHECK_MS = 5_000;

interface Schedule {
  queue: Queue;
  id: string;
  /** The name of the jobs it makes (what the processor sees). */
  jobName: string;
  every: number;
}

/** Starts the loops and schedules once every module is ready, and keeps the schedules there. */
@Injectable()
export class WorkerBootstrapService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerBootstrapService.name);
  private readonly schedules: Schedule[];
  private readonly scheduleCheck: PollLoop;

  constructor(
    config: WorkerConfig,
    private readonly sequencer: SequencerService,
    private readonly relay: OutboxRelayService,
    private readonly catalog: CatalogService,
    private readonly webhooks: WebhookProcessingService,
    @InjectQueue(ANCHORING_QUEUE) anchoringQueue: Queue,
    @InjectQueue(MAINTENANCE_QUEUE) maintenanceQueue: Queue,
  ) {
    this.schedules = [
      { queue: anchoringQueue, id: 'anchor-tick', jobName: 'anchor', every: config.ANCHOR_INTERVAL_MS },
      { queue: maintenanceQueue, id: 'template-sync', jobName: 'template-sync', every: config.TEMPLATE_SYNC_INTERVAL_MS },
    ];
    this.scheduleCheck = new PollLoop('job schedules', SCHEDULE_CHECK_MS, () => this.restoreLostSchedules(), this.logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.sequencer.start();
    this.relay.start();
    this.webhooks.start();
    // Upserting is idempotent, so every worker may do it; Redis keeps one schedule.
    for (const s of this.schedules) await this.upsert(s);
    // Redis may lose them while this worker runs (the database re-creates sends and webhooks, but
    // nothing else would bring anchoring back until a worker restarts).
    this.scheduleCheck.start();
    // The catalog on start, without holding the worker up if a provider is down.
    void this.catalog.syncAll().catch((err: Error) => this.logger.warn(`initial template sync: ${err.message}`));
  }

  onApplicationShutdown(): Promise<void> {
    return this.scheduleCheck.stop();
  }

  private async restoreLostSchedules(): Promise<'idle'> {
    for (const s of this.schedules) {
      if (await s.queue.getJobScheduler(s.id)) continue;
      await this.upsert(s);
      this.logger.warn(`job schedule ${s.id} was gone from Redis; re-created`);
    }
    return 'idle';
  }

  private upsert(s: Schedule): Promise<unknown> {
    return s.queue.upsertJobScheduler(s.id, { every: s.every }, { name: s.jobName, opts: { removeOnComplete: true, removeOnFail: 100 } });
  }
}
