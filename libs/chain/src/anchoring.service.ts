import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkerConfig } from '#sigillo/platform';
import { SessionLock } from '#sigillo/db';
import { equalBytes, toHex, LedgerRepository, TreeReader } from '#sigillo/ledger';
import { AnchorRepository } from './anchor.repository.js';
import type { AnchorRecord } from './anchor-records.js';
import { LedgerContractClient } from './ledger-contract.js';

export const ANCHOR_LOCK_KEY = 0x5349_4731_414e_43n; // "SIG1ANC"

export type AnchorTickOutcome = 'not-leader' | 'backing-off' | 'waiting-confirmations' | 'up-to-date' | 'anchored' | 'submitted' | 'failed';

const RECEIPT_POLL_MS = 100;
// How far back to look for an anchor event we have no row for; RPC providers cap log ranges.
const ANCHOR_LOG_LOOKBACK_BLOCKS = 5000;

/**
 * Moves the newest signed checkpoint onto the chain. The chain's own latest() is the truth of what
 * is anchored: whatever our table says, a checkpoint the chain lost (reorg, dropped tx, a fresh
 * dev chain) is anchored again from there. One process anchors at a time (advisory lock) and at
 * most one transaction is in flight (a SUBMITTED row blocks the next until it settles).
 */
@Injectable()
export class AnchoringService implements OnApplicationShutdown {
  private readonly logger = new Logger(AnchoringService.name);
  private readonly lock: SessionLock;
  private failures = 0;
  private nextAttemptAt = 0;

  constructor(
    private readonly config: WorkerConfig,
    private readonly contract: LedgerContractClient,
    private readonly anchors: AnchorRepository,
    private readonly ledger: LedgerRepository,
    private readonly tree: TreeReader,
  ) {
    this.lock = new SessionLock(config.DATABASE_URL, ANCHOR_LOCK_KEY, 'sigillo-anchorer');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lock.close();
    this.contract.destroy();
  }

  /** One anchoring step; the worker calls it every ANCHOR_INTERVAL_MS. */
  async tick(): Promise<AnchorTickOutcome> {
    if (Date.now() < this.nextAttemptAt) return 'backing-off';
    if (!(await this.lock.tryAcquire())) return 'not-leader';
    try {
      const outcome = await this.step();
      this.failures = 0;
      this.nextAttemptAt = 0;
      return outcome;
    } catch (err) {
      this.failures++;
      const delay = Math.min(this.config.ANCHOR_MAX_BACKOFF_MS, this.config.ANCHOR_INTERVAL_MS * 2 ** (this.failures - 1));
      this.nextAttemptAt = Date.now() + delay * (0.75 + Math.random() * 0.5);
      this.logger.warn(`anchoring failed (${this.failures} in a row, next try in ~${Math.round(delay / 1000)} s): ${describe(err)}`);
      return 'failed';
    } finally {
      // Released every tick: whichever worker takes the next job may anchor; the state is in the database.
      await this.lock.release();
    }
  }

  private async step(): Promise<AnchorTickOutcome> {
    const chainId = await this.contract.chainId();
    const address = this.contract.address;
    const inFlight = await this.anchors.findSubmitted(chainId, address);
    if (inFlight && (await this.settle(inFlight)) === 'waiting') return 'waiting-confirmations';

    const onChain = await this.contract.latest();
    const orphaned = await this.anchors.orphanConfirmedAbove(chainId, address, onChain.treeSize);
    if (orphaned > 0) this.logger.warn(`${orphaned} anchor(s) above tree size ${onChain.treeSize} are gone from the chain; anchoring again`);

    await this.recordUnknownAnchor(chainId, onChain.treeSize);

    const checkpoint = await this.ledger.latestCheckpoint();
    if (!checkpoint || checkpoint.treeSize <= onChain.treeSize) return 'up-to-date';

    let proof: Uint8Array[] = [];
    if (onChain.treeSize > 0n) {
      const ours = await this.tree.rootAt(onChain.treeSize);
      if (!equalBytes(ours, onChain.root)) {
        // The contract would refuse any proof anyway; this says why.
        throw new Error(`chain holds root ${toHex(onChain.root)} at size ${onChain.treeSize}, the log has ${toHex(ours)}`);
      }
      proof = await this.tree.consistencyProof(onChain.treeSize, checkpoint.treeSize);
    }
    const prepared = await this.contract.prepareAnchor(checkpoint.treeSize, checkpoint.root, proof);
    const record = await this.anchors.insertSubmitted({
      chainId,
      contract: address,
      treeSize: checkpoint.treeSize,
      root: checkpoint.root,
      previousSize: onChain.treeSize,
      txHash: prepared.txHash,
    });
    await prepared.broadcast();
    const settled = await this.waitForConfirmations(record);
    return settled === 'confirmed' ? 'anchored' : settled === 'waiting' ? 'submitted' : 'failed';
  }

  /** The chain's latest anchor must have a row, or no bundle could point at it. */
  private async recordUnknownAnchor(chainId: bigint, treeSize: bigint): Promise<void> {
    const address = this.contract.address;
    if (treeSize === 0n || (await this.anchors.hasConfirmed(address, treeSize))) return;
    const found = await this.contract.findAnchoredEvent(treeSize, ANCHOR_LOG_LOOKBACK_BLOCKS);
    if (!found || found.confirmations < this.config.ANCHOR_CONFIRMATIONS) return;
    await this.anchors.insertConfirmed({
      chainId,
      contract: address,
      treeSize,
      root: found.root,
      previousSize: found.previousSize,
      txHash: found.txHash,
      blockNumber: found.blockNumber,
      gasUsed: await this.contract.gasUsed(found.txHash),
    });
    this.logger.warn(`recorded anchor of tree size ${treeSize} from the chain (tx ${found.txHash})`);
  }

  /** Resolves an in-flight anchor as far as the chain allows now. */
  private async settle(anchor: AnchorRecord): Promise<'waiting' | 'confirmed' | 'orphaned'> {
    const state = await this.contract.transactionState(anchor.txHash);
    if (state.state === 'pending') return 'waiting';
    if (state.state === 'missing') {
      this.logger.warn(`anchor tx ${anchor.txHash} (size ${anchor.treeSize}) is not on the chain; anchoring again`);
      await this.anchors.markOrphaned(anchor.id);
      return 'orphaned';
    }
    if (!state.success) {
      this.logger.warn(`anchor tx ${anchor.txHash} (size ${anchor.treeSize}) reverted`);
      await this.anchors.markOrphaned(anchor.id);
      return 'orphaned';
    }
    if (state.confirmations < this.config.ANCHOR_CONFIRMATIONS) return 'waiting';
    await this.anchors.markConfirmed(anchor.id, state.blockNumber, state.gasUsed);
    this.logger.log(`anchored tree size ${anchor.treeSize} in block ${state.blockNumber} (${state.gasUsed} gas)`);
    return 'confirmed';
  }

  private async waitForConfirmations(anchor: AnchorRecord): Promise<'waiting' | 'confirmed' | 'orphaned'> {
    const deadline = Date.now() + this.config.ANCHOR_INTERVAL_MS;
    for (;;) {
      const settled = await this.settle(anchor);
      if (settled !== 'waiting' || Date.now() >= deadline) return settled;
      await sleep(RECEIPT_POLL_MS);
    }
  }
}

function describe(err: unknown): string {
  const e = err as { code?: string; shortMessage?: string; message?: string };
  return e.shortMessage ?? e.message ?? String(err);
}
