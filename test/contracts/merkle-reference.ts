// Test-only reference implementation of the RFC 9162 §2.1 Merkle tree (SHA-256),
// written straight from the RFC's *recursive* definitions (MTH, PATH, PROOF/SUBPROOF)
// so that it shares nothing with the iterative verifiers it is used to test: neither
// with NotificationLedger.sol nor with the application's own Merkle code.
//
// Large trees are handled by caching the hashes of the complete, aligned power-of-two
// subtrees, which is all the RFC recursion ever asks for on its left branches:
// MTH(D[lo:hi]) then costs O(log n) hashes once the cache is built.
import { hash } from 'node:crypto';

export type Hash = Buffer;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

function sha256(data: Buffer): Hash {
  return hash('sha256', data, 'buffer');
}

/** RFC 9162 §2.1.1: MTH({d}) = SHA-256(0x00 || d). */
export function leafHash(data: Uint8Array): Hash {
  return sha256(Buffer.concat([LEAF_PREFIX, data]));
}

/** RFC 9162 §2.1.1: interior node = SHA-256(0x01 || left || right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  return sha256(Buffer.concat([NODE_PREFIX, left, right]));
}

/** The largest power of two strictly smaller than n (n > 1): the RFC's split point k. */
export function splitPoint(n: number): number {
  if (n < 2) throw new RangeError(`no split point for n = ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** Deterministic, distinct leaf hashes: leaf i is the leaf hash of the 8-byte big-endian i. */
export function syntheticLeafHashes(count: number, offset = 0): Hash[] {
  const out: Hash[] = new Array<Hash>(count);
  const data = Buffer.alloc(8);
  for (let i = 0; i < count; i++) {
    data.writeBigUInt64BE(BigInt(offset + i));
    out[i] = leafHash(data);
  }
  return out;
}

/**
 * The log D[0:size] and every tree D[0:n] (n <= size) that is a prefix of it.
 *
 * If `size` is larger than `leaves.length`, the leaf sequence repeats forever with period
 * `leaves.length`, which must then be a power of two: D[i] = leaves[i mod P]. That is still
 * a genuine RFC 9162 log, but every complete aligned subtree of P or more leaves has the
 * same hash, so MTH/PATH/PROOF stay O(log n) even for sizes of 2^30 and more. The gas table
 * uses this to measure anchors of realistically large logs without hashing them.
 */
export class ReferenceTree {
  readonly size: number;
  private readonly period: number;
  // perfect[h][j] = MTH(D[j*2^h : (j+1)*2^h]), built lazily, level by level. In periodic
  // mode level h holds max(1, P / 2^h) entries and is indexed modulo its length.
  private readonly perfect: Hash[][];

  constructor(leaves: readonly Hash[], size: number = leaves.length) {
    if (leaves.length === 0) throw new RangeError('no leaves');
    if (size > leaves.length && !isPowerOfTwo(leaves.length)) {
      throw new RangeError('a repeating leaf sequence needs a power-of-two period');
    }
    this.size = size;
    this.period = leaves.length;
    this.perfect = [leaves.slice(0, Math.min(size, leaves.length))];
  }

  /** D[i]. */
  leaf(i: number): Hash {
    if (i < 0 || i >= this.size) throw new RangeError(`leaf ${i} out of range`);
    return this.perfect[0]![i % this.period]!;
  }

  /** RFC 9162 §2.1.1 MTH(D[0:n]). */
  root(n: number = this.size): Hash {
    if (n < 1 || n > this.size) throw new RangeError(`tree size ${n} out of range`);
    return this.mth(0, n);
  }

  /** RFC 9162 §2.1.3.1 PATH(m, D[0:n]): the inclusion proof of leaf m in the tree of size n. */
  inclusionProof(m: number, n: number = this.size): Hash[] {
    if (n < 1 || n > this.size || m < 0 || m >= n) throw new RangeError(`bad PATH(${m}, D[${n}])`);
    return this.path(m, 0, n);
  }

  /** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true), for 0 < m < n. */
  consistencyProof(m: number, n: number = this.size): Hash[] {
    if (n > this.size || m < 1 || m >= n) throw new RangeError(`bad PROOF(${m}, D[${n}])`);
    return this.subproof(m, 0, n, true);
  }

  /** MTH(D[lo:hi]) for the subtrees the RFC recursion visits. */
  private mth(lo: number, hi: number): Hash {
    const n = hi - lo;
    if (n === 1) return this.leaf(lo);
    if (isPowerOfTwo(n) && lo % n === 0) return this.perfectHash(Math.log2(n), lo / n);
    const k = splitPoint(n);
    return nodeHash(this.mth(lo, lo + k), this.mth(lo + k, hi));
  }

  private perfectHash(height: number, index: number): Hash {
    const periodic = this.size > this.period;
    while (this.perfect.length <= height) {
      const below = this.perfect[this.perfect.length - 1]!;
      let level: Hash[];
      if (periodic && below.length === 1) {
        level = [nodeHash(below[0]!, below[0]!)];
      } else {
        level = new Array<Hash>(Math.floor(below.length / 2));
        for (let j = 0; j < level.length; j++) level[j] = nodeHash(below[2 * j]!, below[2 * j + 1]!);
      }
      this.perfect.push(level);
    }
    const level = this.perfect[height]!;
    return level[periodic ? index % level.length : index]!;
  }

  // PATH(m, D[lo:hi]), m relative to lo.
  private path(m: number, lo: number, hi: number): Hash[] {
    const n = hi - lo;
    if (n === 1) return []; // PATH(0, {d(0)}) = {}
    const k = splitPoint(n);
    if (m < k) return [...this.path(m, lo, lo + k), this.mth(lo + k, hi)];
    return [...this.path(m - k, lo + k, hi), this.mth(lo, lo + k)];
  }

  // SUBPROOF(m, D[lo:hi], b), m relative to lo.
  private subproof(m: number, lo: number, hi: number, b: boolean): Hash[] {
    const n = hi - lo;
    if (m === n) return b ? [] : [this.mth(lo, hi)];
    const k = splitPoint(n);
    if (m <= k) return [...this.subproof(m, lo, lo + k, b), this.mth(lo + k, hi)];
    return [...this.subproof(m - k, lo + k, hi, false), this.mth(lo, lo + k)];
  }
}
