import { Injectable } from '@nestjs/common';
import { LedgerRepository } from './ledger.repository.js';
import { consistencyPlan, foldRange, frontier, inclusionPlan, LeafRange, NodeKey, rangeNodes } from './merkle-plan.js';

/**
 * Proofs from the stored tree. Every proof is a list of ranges whose hashes are folds of perfect
 * subtrees; all the perfect subtrees are fetched in one query, so a proof costs O(log n) rows
 * whatever the size of the log.
 */
@Injectable()
export class TreeReader {
  constructor(private readonly ledger: LedgerRepository) {}

  inclusionProof(index: bigint, size: bigint): Promise<Uint8Array[]> {
    return this.hashRanges(inclusionPlan(index, size));
  }

  consistencyProof(oldSize: bigint, newSize: bigint): Promise<Uint8Array[]> {
    return this.hashRanges(consistencyPlan(oldSize, newSize));
  }

  async rootAt(size: bigint): Promise<Uint8Array> {
    const [root] = await this.hashRanges([{ start: 0n, end: size }]);
    return root;
  }

  /** The right edge of the tree, from which a writer continues appending. */
  frontierHashes(size: bigint): Promise<Uint8Array[]> {
    return this.ledger.nodeHashes(frontier(size));
  }

  private async hashRanges(ranges: LeafRange[]): Promise<Uint8Array[]> {
    const perRange: NodeKey[][] = ranges.map(rangeNodes);
    const hashes = await this.ledger.nodeHashes(perRange.flat());
    let offset = 0;
    return perRange.map((keys) => {
      const slice = hashes.slice(offset, offset + keys.length);
      offset += keys.length;
      return foldRange(slice);
    });
  }
}
