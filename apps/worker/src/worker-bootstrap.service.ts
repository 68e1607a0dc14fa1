import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { SequencerService } from '../../../libs/ledger/src/sequencer.service.js';
import { OutboxRelayService } from '../../../libs/notifications/src/outbox-relay.service.js';
import { WorkerConfig } from '../../../libs/platform/src/config.js';
import { CatalogService } from '../../../libs/templates/src/catalog.service.js';
import { WebhookProcessingService } from '../../../libs/webhooks/src/webhook-processing.service.js';
import { ANCHORING_QUEUE, MAINTENANCE_QUEUE } from './queues.js';

/** Starts the loops and schedules once every module is ready. */
@Injectable()
export class WorkerBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerBootstrapService.name);

  constructor(
    private readonly config: WorkerConfig,
    private readonly sequencer: SequencerService,
    private readonly relay: OutboxRelayService,
    private readonly catalog: CatalogService,
    private readonly webhooks: WebhookProcessingService,
    @InjectQueue(ANCHORING_QUEUE) private readonly anchoringQueue: Queue,
    @InjectQueue(MAINTENANCE_QUEUE) private readonly maintenanceQueue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.sequencer.start();
    this.relay.start();
    this.webhooks.start();
    // Upserting is idempotent, so every worker may do it; Redis keeps one schedule. After Redis
    // loses everything, the next worker start re-creates them.
    await this.anchoringQueue.upsertJobScheduler(
      'anchor-tick',
      { every: this.config.ANCHOR_INTERVAL_MS },
      { name: 'anchor', opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    await this.maintenanceQueue.upsertJobScheduler(
      'template-sync',
      { every: this.config.TEMPLATE_SYNC_INTERVAL_MS },
      { name: 'template-sync', opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    // The catalog on start, without holding the worker up if a provider is down.
    void this.catalog.syncAll().catch((err: Error) => this.logger.warn(`initial template sync: ${err.message}`));
  }
}
