import { Injectable, NotFoundException } from '@nestjs/common';
import { AnchorRepository } from '#sigillo/chain';
import { BUNDLE_FORMAT, ProofBundle, toHex, canonicalEntry, LedgerRepository, storyFromBundles, type StoryBundle, TreeReader } from '#sigillo/ledger';
import type { StoredCheckpoint, StoredLedgerEntry } from '#sigillo/ledger';
import type { AnchorRecord } from '#sigillo/chain';
import { ApiConfig } from '#sigillo/platform';
import { erasedEntry, erasedStory } from './erased-answers.js';
import { ProofPendingException } from './proof-pending.exception.js';

/**
 * Assembles a proof bundle: the entry and its salt, its inclusion in the checkpoint that first
 * committed it, and that checkpoint's consistency with the first anchor covering it.
 */
@Injectable()
export class ProofBundleService {
  constructor(
    private readonly config: ApiConfig,
    private readonly ledger: LedgerRepository,
    private readonly tree: TreeReader,
    private readonly anchors: AnchorRepository,
  ) {}

  /** `tenantId` null: a deployment-wide key; otherwise only that tenant's entries exist for it. */
  async bundleForSeq(seq: bigint, tenantId: string | null): Promise<ProofBundle> {
    const entry = await this.ledger.findBySeq(seq);
    const visible = entry && (tenantId === null || entry.tenantId === tenantId);
    if (!visible || entry.seq === null || !entry.leafHash) throw new NotFoundException(`no ledger entry with seq ${seq}`);
    if (entry.erased || !entry.salt) throw erasedEntry(seq, entry.erased);
    const checkpoint = await this.ledger.firstCheckpointCovering(seq);
    if (!checkpoint) throw new ProofPendingException(seq, 'checkpoint', this.expectedWaitSeconds());
    const anchor = await this.anchors.firstConfirmedAtLeast(this.config.LEDGER_CONTRACT_ADDRESS, checkpoint.treeSize);
    if (!anchor) throw new ProofPendingException(seq, 'anchoring', this.expectedWaitSeconds());

    return this.assemble(entry, seq, checkpoint, anchor);
  }

  /**
   * Every entry of one notification's story, each with its inclusion proof in the checkpoint of
   * the first anchor covering them all (so no consistency proof is needed).
   */
  async storyBundle(subject: StoryBundle['subject'], key: { tenantId: string; eventId: string; notificationId: string }): Promise<StoryBundle> {
    if (await this.ledger.storyHasPending(key.tenantId, key.eventId, key.notificationId)) {
      throw new ProofPendingException(null, 'sequencing', this.expectedWaitSeconds());
    }
    const entries = await this.ledger.storyEntries(key.tenantId, key.eventId, key.notificationId);
    if (entries.length === 0) throw new NotFoundException(`no ledger entries for ${subject.kind} ${subject.id}`);
    const erased = entries.find((e) => e.erased || !e.salt);
    if (erased) throw erasedStory(subject, erased.erased);
    const last = entries[entries.length - 1].seq!;
    const anchor = await this.anchors.firstConfirmedAtLeast(this.config.LEDGER_CONTRACT_ADDRESS, last + 1n);
    if (!anchor) throw new ProofPendingException(last, 'anchoring', this.expectedWaitSeconds());
    // Anchors are made from stored checkpoints, so the anchored size has its signed note.
    const checkpoint = await this.ledger.checkpointAt(anchor.treeSize);
    if (!checkpoint) throw new ProofPendingException(last, 'checkpoint', this.expectedWaitSeconds());
    const bundles = await Promise.all(entries.map((e) => this.assemble(e, e.seq!, checkpoint, anchor)));
    return storyFromBundles(subject, bundles);
  }

  private async assemble(entry: StoredLedgerEntry, seq: bigint, checkpoint: StoredCheckpoint, anchor: AnchorRecord): Promise<ProofBundle> {
    const [inclusion, consistency] = await Promise.all([
      this.tree.inclusionProof(seq, checkpoint.treeSize),
      anchor.treeSize === checkpoint.treeSize ? Promise.resolve([]) : this.tree.consistencyProof(checkpoint.treeSize, anchor.treeSize),
    ]);
    return {
      format: BUNDLE_FORMAT,
      entry: {
        seq: Number(seq),
        canonical: canonicalEntry({ ...entry, seq }),
        salt: toHex(entry.salt!),
      },
      leafIndex: Number(seq),
      leafHash: toHex(entry.leafHash!),
      checkpoint: { note: checkpoint.note, verifierKey: checkpoint.verifierKey },
      inclusionProof: inclusion.map(toHex),
      anchor: {
        chainId: Number(anchor.chainId),
        contract: anchor.contract,
        txHash: anchor.txHash,
        blockNumber: Number(anchor.blockNumber),
        treeSize: Number(anchor.treeSize),
        root: toHex(anchor.root),
      },
      consistencyProof: consistency.map(toHex),
    };
  }

  /** A checkpoint follows within a second; an anchor within one to two anchoring intervals. */
  private expectedWaitSeconds(): number {
    return Math.ceil((2 * this.config.ANCHOR_INTERVAL_MS + 1000) / 1000);
  }
}
