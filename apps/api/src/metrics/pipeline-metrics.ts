import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsRegistry } from '#sigillo/observability';
import { ApiConfig } from '#sigillo/platform';
import { unclassifiedErrorCounts } from '#sigillo/whatsapp';
import { REJECTION_REASONS } from '#sigillo/webhooks';
import type { LedgerLag } from '../ledger-lag/ledger-lag.repository.js';
import { LedgerLagRepository } from '../ledger-lag/ledger-lag.repository.js';
import { ObservedQueues } from '../queues/observed-queues.js';
import { PipelineCountsRepository, type PipelineCounts } from './pipeline-counts.repository.js';

type Source = 'database' | 'redis';

/**
 * The pipeline as the database and Redis describe it, read at scrape time: the worker needs no
 * metrics port of its own, and every api replica reports the same values. Gauges, not counters:
 * they are states of shared tables (erasure and clean-ups can lower them).
 */
@Injectable()
export class PipelineMetrics {
  private readonly sourceUp: Gauge<'source'>;
  private readonly sendAttempts: Gauge<'outcome' | 'error_code'>;
  private readonly unclassifiedErrors: Gauge<'error_code'>;
  private readonly messageStatuses: Gauge<'status' | 'error_code'>;
  private readonly webhookPayloadsPending: Gauge;
  private readonly webhookRejections: Gauge<'reason'>;
  private readonly queueJobs: Gauge<'queue' | 'state'>;
  private readonly treeSize: Gauge;
  private readonly pendingEntries: Gauge;
  private readonly oldestPendingAge: Gauge;
  private readonly checkpointSize: Gauge;
  private readonly checkpointAge: Gauge;
  private readonly anchoredSize: Gauge;
  private readonly anchorLagEntries: Gauge;
  private readonly anchorAge: Gauge;
  private readonly anchorWaiting: Gauge;
  private readonly anchorsConfirmed: Gauge;
  private readonly anchorGasTotal: Gauge;
  private readonly anchorGasLast: Gauge;

  constructor(
    private readonly config: ApiConfig,
    private readonly lag: LedgerLagRepository,
    private readonly counts: PipelineCountsRepository,
    private readonly queues: ObservedQueues,
    registry: MetricsRegistry,
  ) {
    const gauge = <L extends string = never>(name: string, help: string, labelNames: L[] = []) =>
      new Gauge<L>({ name, help, labelNames, registers: [registry] });
    this.sourceUp = gauge('sigillo_metrics_source_up', 'Whether this scrape could read the source (database, redis); at 0 its series keep their last values', [
      'source',
    ]);
    this.sendAttempts = gauge(
      'sigillo_send_attempts',
      'Send attempts by outcome (submitted, failed, retry, unknown, in_flight) and Meta error code ("" for none)',
      ['outcome', 'error_code'],
    );
    this.unclassifiedErrors = gauge(
      'sigillo_send_errors_unclassified',
      "Send attempts refused with a Meta error code missing from Sigillo's classification table (meta-error-codes.ts), by code: each was final unless HTTP 5xx/429",
      ['error_code'],
    );
    this.messageStatuses = gauge(
      'sigillo_message_statuses',
      'Delivery statuses received from Meta webhooks (one per message and status), by status and Meta error code of a failed one',
      ['status', 'error_code'],
    );
    this.webhookPayloadsPending = gauge('sigillo_webhook_payloads_pending', 'Stored Meta webhook payloads not yet applied by the worker');
    this.webhookRejections = gauge(
      'sigillo_webhook_parts_rejected',
      "Parts of signed Meta webhook payloads not applied (stored in webhook_rejections), by reason: another tenant's message or notification, a phone number id or WABA id no tenant owns or not matching, a secret not allowed for the tenant",
      ['reason'],
    );
    this.queueJobs = gauge('sigillo_queue_jobs', 'BullMQ jobs by queue (send, webhooks, anchoring, maintenance) and state', ['queue', 'state']);
    this.treeSize = gauge('sigillo_ledger_tree_size', 'Ledger entries sequenced (max seq + 1)');
    this.pendingEntries = gauge('sigillo_sequencer_pending_entries', 'Ledger entries written but not yet sequenced (sequencer lag)');
    this.oldestPendingAge = gauge('sigillo_sequencer_oldest_pending_age_seconds', 'Age of the oldest entry waiting for the sequencer; 0 when none');
    this.checkpointSize = gauge('sigillo_checkpoint_tree_size', 'Tree size of the latest signed checkpoint');
    this.checkpointAge = gauge('sigillo_checkpoint_age_seconds', 'Seconds since the latest signed checkpoint');
    this.anchoredSize = gauge('sigillo_anchored_tree_size', 'Tree size of the latest confirmed anchor on the configured contract');
    this.anchorLagEntries = gauge('sigillo_anchor_lag_entries', 'Ledger entries (sequenced or pending) not yet covered by a confirmed anchor');
    this.anchorAge = gauge('sigillo_anchor_age_seconds', 'Seconds since the latest confirmed anchor (grows while the log is idle too)');
    this.anchorWaiting = gauge(
      'sigillo_anchor_wait_seconds',
      'Seconds the oldest unanchored entry has waited for a confirmed anchor; 0 when all are anchored (what /health bounds)',
    );
    this.anchorsConfirmed = gauge('sigillo_anchors_confirmed', 'Confirmed anchoring transactions on the configured contract');
    this.anchorGasTotal = gauge('sigillo_anchor_gas_used_total', 'Gas used by all confirmed anchoring transactions on the configured contract');
    this.anchorGasLast = gauge('sigillo_anchor_gas_used_last', 'Gas used by the latest confirmed anchoring transaction');
  }

  /** Reads every source, each bounded by HEALTH_TIMEOUT_MS so a dead dependency cannot hang the scrape. */
  async refresh(): Promise<void> {
    const contract = this.config.LEDGER_CONTRACT_ADDRESS;
    await Promise.all([
      this.read(
        'database',
        () => Promise.all([this.lag.read(contract), this.counts.read(contract)]),
        ([lag, counts]) => {
          this.setLedger(lag);
          this.setCounts(counts);
        },
      ),
      this.read(
        'redis',
        () => Promise.all(this.queues.all.map(async (q) => ({ name: q.name, counts: await q.getJobCounts() }))),
        (queues) => {
          this.queueJobs.reset();
          for (const q of queues) for (const [state, n] of Object.entries(q.counts)) this.queueJobs.set({ queue: q.name, state }, n);
        },
      ),
    ]);
  }

  private async read<T>(source: Source, load: () => Promise<T>, apply: (value: T) => void): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timeout')), this.config.HEALTH_TIMEOUT_MS);
    });
    try {
      apply(await Promise.race([load(), timeout]));
      this.sourceUp.set({ source }, 1);
    } catch {
      this.sourceUp.set({ source }, 0);
    } finally {
      clearTimeout(timer);
    }
  }

  private setLedger(lag: LedgerLag): void {
    const now = Date.now();
    const ageSeconds = (at: Date | null) => (at ? Math.max(0, (now - at.getTime()) / 1000) : 0);
    this.treeSize.set(lag.treeSize);
    this.pendingEntries.set(lag.pendingEntries);
    this.oldestPendingAge.set(ageSeconds(lag.oldestPendingAt));
    this.checkpointSize.set(lag.latestCheckpointSize ?? 0);
    this.checkpointAge.set(ageSeconds(lag.latestCheckpointAt));
    this.anchoredSize.set(lag.anchoredSize ?? 0);
    this.anchorLagEntries.set(Math.max(0, lag.treeSize + lag.pendingEntries - (lag.anchoredSize ?? 0)));
    this.anchorAge.set(ageSeconds(lag.anchoredAt));
    this.anchorWaiting.set(ageSeconds(lag.oldestUnanchoredAt));
    this.anchorGasLast.set(lag.lastAnchorGasUsed ?? 0);
  }

  private setCounts(counts: PipelineCounts): void {
    this.sendAttempts.reset();
    for (const a of counts.sendAttempts) this.sendAttempts.set({ outcome: a.outcome, error_code: a.errorCode }, a.count);
    this.unclassifiedErrors.reset();
    for (const [code, count] of unclassifiedErrorCounts(counts.sendAttempts)) this.unclassifiedErrors.set({ error_code: code }, count);
    this.messageStatuses.reset();
    for (const s of counts.messageStatuses) this.messageStatuses.set({ status: s.status, error_code: s.errorCode }, s.count);
    this.webhookPayloadsPending.set(counts.webhookPayloadsPending);
    // Every reason present from the first scrape, at 0 until it happens: increase() then sees the first one.
    this.webhookRejections.reset();
    for (const reason of REJECTION_REASONS) this.webhookRejections.set({ reason }, 0);
    for (const r of counts.webhookRejections) this.webhookRejections.set({ reason: r.reason }, r.count);
    this.anchorsConfirmed.set(counts.anchorsConfirmed);
    this.anchorGasTotal.set(counts.anchorGasUsedTotal);
  }
}
