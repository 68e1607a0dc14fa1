import type { WorkerHost } from '@nestjs/bullmq';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { SequencerService } from '#sigillo/ledger';
import { OutboxRelayService } from '#sigillo/notifications';
import { WorkerConfig, waitBounded, noteShutdownStage, gaveUpLine } from '#sigillo/platform';
import { WebhookProcessingService } from '#sigillo/webhooks';
import { AnchoringProcessor } from './anchoring.processor.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { SendProcessor } from './send.processor.js';
import { WebhookProcessor } from './webhook.processor.js';
import { WorkerBootstrapService } from './worker-bootstrap.service.js';

/**
 * The worker's side of a graceful shutdown, run before any pool, queue or Redis connection closes
 * (Nest's beforeApplicationShutdown): every BullMQ worker stops taking jobs and finishes those it
 * holds, and the pollers (outbox relay, webhook relay and sweep, sequencer, schedule check) stop,
 * all at once and at most SHUTDOWN_GRACE_MS. A job still running then is left to BullMQ: its lock
 * is no longer renewed, so another worker's stalled-job check returns it to the queue, and the
 * send path already copes with an attempt cut short (it reconciles before sending again).
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private done = false;

  constructor(
    private readonly config: WorkerConfig,
    private readonly send: SendProcessor,
    private readonly webhook: WebhookProcessor,
    private readonly anchoring: AnchoringProcessor,
    private readonly maintenance: MaintenanceProcessor,
    private readonly bootstrap: WorkerBootstrapService,
    private readonly sequencer: SequencerService,
    private readonly relay: OutboxRelayService,
    private readonly webhooks: WebhookProcessingService,
  ) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (this.done) return;
    this.done = true;
    const started = Date.now();
    const grace = this.config.SHUTDOWN_GRACE_MS;
    this.logger.log(`shutdown (${signal ?? 'close'}): no new jobs; finishing held jobs and stopping pollers (at most ${grace} ms)`);
    noteShutdownStage('waiting for jobs and pollers');
    const hosts: Record<string, WorkerHost> = {
      'send jobs': this.send,
      'webhook jobs': this.webhook,
      'anchoring job': this.anchoring,
      'maintenance job': this.maintenance,
    };
    const jobs = Object.fromEntries(Object.entries(hosts).map(([name, host]) => [name, host.worker.pause()]));
    // The pollers' own shutdown hooks, run now rather than after the pools they use have closed.
    const pollers = {
      'outbox relay': this.relay.onApplicationShutdown(),
      'webhook relay and status sweep': this.webhooks.onApplicationShutdown(),
      sequencer: this.sequencer.onApplicationShutdown(),
      'schedule check': this.bootstrap.onApplicationShutdown(),
    };
    const pending = await waitBounded({ ...jobs, ...pollers }, grace);
    if (pending.length > 0) this.logger.warn(gaveUpLine('waiting for jobs and pollers', Date.now() - started, pending));
    // Paused with nothing held: close() has no job left to wait for. Force only where jobs still
    // run: it stops renewing their locks instead of waiting, and BullMQ returns them to the queue.
    const closing = Object.fromEntries(Object.entries(hosts).map(([name, host]) => [name, host.worker.close(pending.includes(name))]));
    const unclosed = await waitBounded(closing, Math.max(1000, grace - (Date.now() - started)));
    if (unclosed.length > 0) this.logger.warn(gaveUpLine('closing BullMQ workers', Date.now() - started, unclosed));
    noteShutdownStage('closing pools, queues and Redis');
  }
}
