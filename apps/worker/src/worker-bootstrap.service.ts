import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { WorkerConfig } from '../../../libs/platform/src/config.js';
import { SequencerService } from '../../../libs/ledger/src/sequencer.service.js';
import { ANCHORING_QUEUE } from './queues.js';

/** Starts the sequencer and the anchoring schedule once every module is ready. */
@Injectable()
export class WorkerBootstrapService implements OnApplicationBootstrap {
  constructor(
    private readonly config: WorkerConfig,
    private readonly sequencer: SequencerService,
    @InjectQueue(ANCHORING_QUEUE) private readonly anchoringQueue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.sequencer.start();
    // Upserting is idempotent, so every worker may do it; Redis keeps one schedule. After Redis
    // loses everything, the next worker start re-creates it.
    await this.anchoringQueue.upsertJobScheduler(
      'anchor-tick',
      { every: this.config.ANCHOR_INTERVAL_MS },
      { name: 'anchor', opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }
}
