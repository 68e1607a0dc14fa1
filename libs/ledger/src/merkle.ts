// RFC 9162 §2.1 Merkle tree over in-memory leaf hashes: tree head, proofs and
// their verification. Proofs are built from the plans in merkle-plan.ts, the
// same ones the database-backed tree uses; verifiers follow the RFC algorithms
// literally, so tests that round-trip the two cross-check the plans against the RFC.
import { equalBytes } from './bytes.js';
import { LEAF_PREFIX, isHash, nodeHash, sha256 } from './hash.js';
import { MAX_TREE_SIZE, consistencyPlan, foldRange, inclusionPlan, rangeNodes, type LeafRange, type NodeKey } from './merkle-plan.js';

/** SHA-256(0x00 || data). */
export function leafHash(data: Uint8Array): Uint8Array {
  return sha256(LEAF_PREFIX, data);
}

/** MTH(D[0:n]) (RFC 9162 §2.1.1); the empty tree hashes to SHA-256(""). */
export function rootHash(leafHashes: Uint8Array[]): Uint8Array {
  assertLeafHashes(leafHashes);
  return rangeHash(leafHashes, { start: 0n, end: BigInt(leafHashes.length) });
}

/** PATH(index, D[n]) (RFC 9162 §2.1.3.1), leaf to root; RangeError unless 0 <= index < n. */
export function inclusionProof(index: number | bigint, leafHashes: Uint8Array[]): Uint8Array[] {
  assertLeafHashes(leafHashes);
  const size = BigInt(leafHashes.length);
  const leaf = toTreeIntOrThrow(index, 'index');
  if (leaf >= size) throw new RangeError(`inclusionProof: index ${leaf} out of range for size ${size}`);
  return inclusionPlan(leaf, size).map((range) => rangeHash(leafHashes, range));
}

/** PROOF(oldSize, D[n]) (RFC 9162 §2.1.4.1); RangeError unless 0 < oldSize <= n. */
export function consistencyProof(oldSize: number | bigint, leafHashes: Uint8Array[]): Uint8Array[] {
  assertLeafHashes(leafHashes);
  const newSize = BigInt(leafHashes.length);
  const old = toTreeIntOrThrow(oldSize, 'oldSize');
  if (old === 0n || old > newSize) {
    throw new RangeError(`consistencyProof: need 0 < oldSize <= ${newSize}, got ${old}`);
  }
  return consistencyPlan(old, newSize).map((range) => rangeHash(leafHashes, range));
}

/** RFC 9162 §2.1.3.2. False, never an exception, for any malformed or wrong input. */
export function verifyInclusion(index: number | bigint, treeSize: number | bigint, leafHash: Uint8Array, proof: Uint8Array[], root: Uint8Array): boolean {
  try {
    const leaf = toTreeInt(index);
    const size = toTreeInt(treeSize);
    if (leaf === undefined || size === undefined || leaf >= size) return false;
    if (!isHash(leafHash) || !isHash(root) || !isHashList(proof)) return false;
    let fn = leaf;
    let sn = size - 1n;
    let r = leafHash;
    for (const p of proof) {
      if (sn === 0n) return false;
      if ((fn & 1n) === 1n || fn === sn) {
        r = nodeHash(p, r);
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1n;
      sn >>= 1n;
    }
    return sn === 0n && equalBytes(r, root);
  } catch {
    // Fail closed on anything validation did not foresee (e.g. hostile getters or proxies).
    return false;
  }
}

/**
 * RFC 9162 §2.1.4.2. oldSize == newSize verifies only with an empty proof and
 * equal roots; an old size of 0 never verifies. False, never an exception,
 * for any malformed or wrong input.
 */
export function verifyConsistency(oldSize: number | bigint, newSize: number | bigint, oldRoot: Uint8Array, newRoot: Uint8Array, proof: Uint8Array[]): boolean {
  try {
    const first = toTreeInt(oldSize);
    const second = toTreeInt(newSize);
    if (first === undefined || second === undefined || first === 0n || first > second) return false;
    if (!isHash(oldRoot) || !isHash(newRoot) || !isHashList(proof)) return false;
    if (first === second) return proof.length === 0 && equalBytes(oldRoot, newRoot);
    if (proof.length === 0) return false;
    // A power-of-two old tree is itself a node of the new one, so PROOF omits its root.
    const path = isPowerOfTwo(first) ? [oldRoot, ...proof] : proof;
    let fn = first - 1n;
    let sn = second - 1n;
    while ((fn & 1n) === 1n) {
      fn >>= 1n;
      sn >>= 1n;
    }
    let fr = path[0];
    let sr = path[0];
    for (let i = 1; i < path.length; i++) {
      const c = path[i];
      if (sn === 0n) return false;
      if ((fn & 1n) === 1n || fn === sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn >>= 1n;
      sn >>= 1n;
    }
    return sn === 0n && equalBytes(fr, oldRoot) && equalBytes(sr, newRoot);
  } catch {
    // Fail closed on anything validation did not foresee (e.g. hostile getters or proxies).
    return false;
  }
}

// MTH of a range exactly as the database-backed tree computes it: hashes of
// the planned perfect nodes, folded right to left.
function rangeHash(leafHashes: Uint8Array[], range: LeafRange): Uint8Array {
  return foldRange(rangeNodes(range).map((node) => perfectNodeHash(leafHashes, node)));
}

function perfectNodeHash(leafHashes: Uint8Array[], node: NodeKey): Uint8Array {
  const width = 2 ** node.level;
  const first = Number(node.index) * width;
  let layer = leafHashes.slice(first, first + width);
  while (layer.length > 1) {
    const parents: Uint8Array[] = [];
    for (let i = 0; i < layer.length; i += 2) parents.push(nodeHash(layer[i], layer[i + 1]));
    layer = parents;
  }
  return layer[0];
}

function assertLeafHashes(leafHashes: Uint8Array[]): void {
  if (!isHashList(leafHashes)) throw new TypeError('expected an array of 32-byte leaf hashes');
}

// Indexed loop rather than every(): every() skips holes in sparse arrays.
function isHashList(list: unknown): list is Uint8Array[] {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) if (!isHash(list[i])) return false;
  return true;
}

/** A uint64 given as a non-negative safe-integer number or a bigint; undefined otherwise. */
function toTreeInt(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return value >= 0n && value <= MAX_TREE_SIZE ? value : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  return undefined;
}

function toTreeIntOrThrow(value: unknown, name: string): bigint {
  if (typeof value !== 'number' && typeof value !== 'bigint') throw new TypeError(`${name} must be a number or bigint`);
  const result = toTreeInt(value);
  if (result === undefined) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return result;
}

function isPowerOfTwo(value: bigint): boolean {
  return value > 0n && (value & (value - 1n)) === 0n;
}
