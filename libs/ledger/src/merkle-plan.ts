// Planning for a Merkle tree stored as perfect subtrees only (RFC 9162 §2.1).
// Every subtree hash that RFC 9162 proofs need, MTH(D[start:end]), is a
// right-to-left fold of at most 64 stored perfect nodes, so a database-backed
// tree answers any proof with O(log n) reads and the in-memory functions in
// merkle.ts reuse the same plans (same proofs, by construction).
import { EMPTY_ROOT, isHash, nodeHash } from './hash.js';

/** Perfect subtree covering leaves [index·2^level, (index+1)·2^level); level 0 = leaf hashes. */
export type NodeKey = { level: number; index: bigint };
/** Leaves [start, end), end exclusive. */
export type LeafRange = { start: bigint; end: bigint };
/** A node that became complete during an append, with its hash. */
export type NewNode = { level: number; index: bigint; hash: Uint8Array };

/** RFC 9162 tree sizes and leaf indexes are uint64. */
export const MAX_TREE_SIZE = (1n << 64n) - 1n;

/**
 * Perfect nodes whose right-to-left fold is MTH(D[start:end]), left to right
 * (largest first). Throws RangeError when a piece would not be an aligned,
 * stored node, which never happens for the subtrees of RFC 9162 trees and proofs.
 */
export function rangeNodes(range: LeafRange): NodeKey[] {
  const { start, end } = range ?? {};
  assertTreeInt(start, 'range.start');
  assertTreeInt(end, 'range.end');
  if (start > end) throw new RangeError(`rangeNodes: start ${start} > end ${end}`);
  const width = end - start;
  const nodes: NodeKey[] = [];
  let position = start;
  // MTH splits at the largest power of two below the size, so its perfect
  // pieces are the set bits of the width, largest first.
  for (let level = bitLength(width) - 1; level >= 0; level--) {
    const pieceLevel = BigInt(level);
    const piece = 1n << pieceLevel;
    if ((width & piece) === 0n) continue;
    if (position % piece !== 0n) {
      throw new RangeError(`rangeNodes: [${start}, ${end}) is not an RFC 9162 subtree range`);
    }
    nodes.push({ level, index: position >> pieceLevel });
    position += piece;
  }
  return nodes;
}

/** MTH of a range from the hashes of its rangeNodes, in that order: H(h0, H(h1, …)). */
export function foldRange(hashes: Uint8Array[]): Uint8Array {
  if (!Array.isArray(hashes)) throw new TypeError('foldRange: expected an array of hashes');
  for (let i = 0; i < hashes.length; i++) {
    if (!isHash(hashes[i])) throw new TypeError(`foldRange: element ${i} is not a 32-byte hash`);
  }
  // Empty and single-node ranges are copied so a caller can never mutate
  // EMPTY_ROOT or a stored node through a root it was handed.
  if (hashes.length === 0) return EMPTY_ROOT.slice();
  if (hashes.length === 1) return hashes[0].slice();
  let acc = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i], acc);
  return acc;
}

/** Ranges whose MTH form the RFC 9162 §2.1.3.1 inclusion proof of leaf `index`, leaf to root. */
export function inclusionPlan(index: bigint, size: bigint): LeafRange[] {
  assertTreeInt(index, 'index');
  assertTreeInt(size, 'size');
  if (index >= size) throw new RangeError(`inclusionPlan: index ${index} not below size ${size}`);
  const siblings: LeafRange[] = [];
  let start = 0n;
  let end = size;
  while (end - start > 1n) {
    const middle = start + largestPowerOfTwoBelow(end - start);
    if (index < middle) {
      siblings.push({ start: middle, end });
      end = middle;
    } else {
      siblings.push({ start, end: middle });
      start = middle;
    }
  }
  // Collected root-down; PATH lists them leaf-up.
  return siblings.reverse();
}

/** Ranges whose MTH form the RFC 9162 §2.1.4.1 consistency proof from oldSize to newSize. */
export function consistencyPlan(oldSize: bigint, newSize: bigint): LeafRange[] {
  assertTreeInt(oldSize, 'oldSize');
  assertTreeInt(newSize, 'newSize');
  if (oldSize === 0n || oldSize > newSize) {
    throw new RangeError(`consistencyPlan: need 0 < oldSize <= newSize, got ${oldSize}, ${newSize}`);
  }
  const outer: LeafRange[] = [];
  let start = 0n;
  let end = newSize;
  // Whether the current subtree's old part is the whole old tree, whose root the verifier already has.
  let isOldRoot = true;
  // SUBPROOF(m, D[start:end], b) with m = oldSize - start, until m equals the subtree size.
  while (end !== oldSize) {
    const middle = start + largestPowerOfTwoBelow(end - start);
    if (oldSize <= middle) {
      outer.push({ start: middle, end });
      end = middle;
    } else {
      outer.push({ start, end: middle });
      start = middle;
      isOldRoot = false;
    }
  }
  const proof: LeafRange[] = isOldRoot ? [] : [{ start, end }];
  // Collected root-down; SUBPROOF appends them on the way back up.
  return proof.concat(outer.reverse());
}

/**
 * Perfect nodes of level >= 1 completed by appending leaves [oldSize, oldSize + count),
 * level by level and left to right, so both children of a node precede it.
 */
export function nodesCompletedByAppend(oldSize: bigint, count: bigint): NodeKey[] {
  assertTreeInt(oldSize, 'oldSize');
  assertTreeInt(count, 'count');
  const newSize = oldSize + count;
  if (newSize > MAX_TREE_SIZE) throw new RangeError('nodesCompletedByAppend: tree would exceed 2^64 - 1 leaves');
  const nodes: NodeKey[] = [];
  for (let level = 1; 1n << BigInt(level) <= newSize; level++) {
    const shift = BigInt(level);
    // Node j is complete at size s iff (j + 1)·2^level <= s.
    for (let index = oldSize >> shift; index < newSize >> shift; index++) nodes.push({ level, index });
  }
  return nodes;
}

/** The right-edge perfect nodes of a tree of `size` leaves: all an appender needs. */
export function frontier(size: bigint): NodeKey[] {
  return rangeNodes({ start: 0n, end: size });
}

/** In-memory appender over the frontier: the sequencer's hot path. */
export class MerkleFrontier {
  #size: bigint;
  // Hashes of frontier(#size), left to right, so the smallest (rightmost) node is on top.
  #stack: Uint8Array[];

  /** `frontierHashes` are the hashes of frontier(size), in that order. */
  constructor(size: bigint = 0n, frontierHashes: Uint8Array[] = []) {
    assertTreeInt(size, 'size');
    const expected = frontier(size).length;
    if (!Array.isArray(frontierHashes) || frontierHashes.length !== expected) {
      throw new RangeError(`MerkleFrontier: size ${size} needs exactly ${expected} frontier hashes`);
    }
    if (!frontierHashes.every(isHash)) throw new TypeError('MerkleFrontier: expected 32-byte hashes');
    this.#size = size;
    this.#stack = frontierHashes.map((hash) => hash.slice());
  }

  get size(): bigint {
    return this.#size;
  }

  /** Appends leaf hashes; returns every new node, leaves included, children before parents. */
  append(leafHashes: Uint8Array[]): NewNode[] {
    // Validate everything first so a bad batch leaves the frontier untouched.
    if (!Array.isArray(leafHashes)) throw new TypeError('MerkleFrontier.append: expected an array of hashes');
    for (let i = 0; i < leafHashes.length; i++) {
      if (!isHash(leafHashes[i])) throw new TypeError(`MerkleFrontier.append: leaf ${i} is not a 32-byte hash`);
    }
    if (this.#size + BigInt(leafHashes.length) > MAX_TREE_SIZE) {
      throw new RangeError('MerkleFrontier.append: tree would exceed 2^64 - 1 leaves');
    }
    const created: NewNode[] = [];
    const stack = this.#stack;
    let size = this.#size;
    for (const leaf of leafHashes) {
      let hash = leaf;
      let level = 0;
      let index = size;
      created.push({ level, index, hash });
      // An odd index is a right child: its left sibling is the top of the stack.
      while ((index & 1n) === 1n) {
        hash = nodeHash(stack.pop()!, hash);
        level++;
        index >>= 1n;
        created.push({ level, index, hash });
      }
      // Copied so that callers writing into returned (or their own) arrays cannot change our state.
      stack.push(hash.slice());
      size++;
    }
    this.#size = size;
    return created;
  }

  /** MTH of the whole tree so far. */
  root(): Uint8Array {
    return foldRange(this.#stack);
  }

  /** Hashes of frontier(size), in that order: what to persist to resume appending later. */
  hashes(): Uint8Array[] {
    return this.#stack.map((hash) => hash.slice());
  }
}

function assertTreeInt(value: unknown, name: string): asserts value is bigint {
  if (typeof value !== 'bigint') throw new TypeError(`${name} must be a bigint`);
  if (value < 0n || value > MAX_TREE_SIZE) throw new RangeError(`${name} must be in [0, 2^64 - 1], got ${value}`);
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** The RFC 9162 split point k for n >= 2: the largest power of two smaller than n. */
function largestPowerOfTwoBelow(n: bigint): bigint {
  return 1n << BigInt(bitLength(n - 1n) - 1);
}
