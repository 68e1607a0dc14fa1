import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkerConfig } from '#sigillo/platform';
import { signCheckpoint, verifierKeyFor } from './checkpoint.js';
import { entryLeafHash } from './entry.js';
import { LedgerRepository } from './ledger.repository.js';
import { MerkleFrontier } from './merkle-plan.js';
import { SequencedRow, SequencerStore } from './sequencer-store.js';
import { TreeReader } from './tree-reader.js';

const IDLE_POLL_MS = 20;
const RECONNECT_MS = 1000;

/**
 * The single writer of the log: takes pending entries in arrival order, gives them gapless seqs
 * (= leaf indexes), stores the new tree nodes and signs checkpoints. Every worker runs one; the
 * advisory lock lets exactly one of them write while the others wait to take over.
 */
@Injectable()
export class SequencerService implements OnApplicationShutdown {
  private readonly logger = new Logger(SequencerService.name);
  private running = false;
  private loop: Promise<void> | null = null;
  private store: SequencerStore | null = null;
  private frontier: MerkleFrontier | null = null;
  private lastCheckpointSize = 0n;
  private lastCheckpointAt = 0;
  private readonly verifierKey: string;

  constructor(
    private readonly config: WorkerConfig,
    private readonly ledger: LedgerRepository,
    private readonly tree: TreeReader,
  ) {
    this.verifierKey = verifierKeyFor(config.CHECKPOINT_SIGNER_KEY);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    // Closing the session also ends a pg_advisory_lock still waiting, and releases a held one.
    await this.store?.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const store = new SequencerStore(this.config.DATABASE_URL);
      this.store = store;
      try {
        await store.connect();
        await store.lock();
        await this.resume(store);
        this.logger.log(`sequencing from seq ${this.frontier!.size}`);
        while (this.running) {
          const integrated = await this.integrateBatch(store);
          await this.maybeCheckpoint(store);
          if (integrated < this.config.SEQUENCER_BATCH_SIZE) await sleep(IDLE_POLL_MS);
        }
      } catch (err) {
        if (this.running) this.logger.warn(`sequencer paused: ${(err as Error).message}`);
      } finally {
        this.frontier = null;
        await store.close();
      }
      if (this.running) await sleep(RECONNECT_MS);
    }
  }

  /** The state is always re-read after taking the lock: another worker may have written meanwhile. */
  private async resume(store: SequencerStore): Promise<void> {
    const size = await this.ledger.treeSize();
    this.frontier = new MerkleFrontier(size, await this.tree.frontierHashes(size));
    this.lastCheckpointSize = await store.latestCheckpointSize();
    this.lastCheckpointAt = 0;
  }

  private async integrateBatch(store: SequencerStore): Promise<number> {
    const pending = await store.fetchPending(this.config.SEQUENCER_BATCH_SIZE);
    if (pending.length === 0) return 0;
    const frontier = this.frontier!;
    let seq = frontier.size;
    const rows: SequencedRow[] = pending.map((p) => {
      const leafHash = entryLeafHash({ seq, type: p.type, occurredAt: p.occurredAt, recordedAt: p.recordedAt, body: p.body }, p.salt);
      return { id: p.id, seq: seq++, leafHash };
    });
    const nodes = frontier.append(rows.map((r) => r.leafHash));
    // A failed commit leaves the in-memory frontier ahead of the database; the caller reconnects
    // and resume() rebuilds it from what was committed.
    await store.commitBatch(rows, nodes);
    return pending.length;
  }

  private async maybeCheckpoint(store: SequencerStore): Promise<void> {
    const frontier = this.frontier!;
    if (frontier.size === this.lastCheckpointSize) return;
    if (Date.now() - this.lastCheckpointAt < this.config.CHECKPOINT_INTERVAL_MS) return;
    const root = frontier.root();
    const origin = this.config.LEDGER_ORIGIN;
    const note = signCheckpoint({ origin, treeSize: frontier.size, root }, this.config.CHECKPOINT_SIGNER_KEY);
    await store.insertCheckpoint({ treeSize: frontier.size, root, origin, note, verifierKey: this.verifierKey });
    this.lastCheckpointSize = frontier.size;
    this.lastCheckpointAt = Date.now();
  }
}
