// RFC 9162 §2.1.1 hashing primitives (SHA-256), kept in one place so every
// Merkle computation in the ledger domain-separates leaves and nodes the same way.
import { createHash, hash } from 'node:crypto';
import { isUint8Array } from 'node:util/types';

export const HASH_SIZE = 32;

// Typed arrays cannot be frozen: treat these three as read-only.
export const LEAF_PREFIX = Uint8Array.of(0x00);
export const NODE_PREFIX = Uint8Array.of(0x01);
/** MTH({}) = SHA-256 of the empty string (RFC 9162 §2.1.1). */
export const EMPTY_ROOT: Uint8Array = sha256();

/** SHA-256 of the concatenation of `parts`, as a plain (non-Buffer) Uint8Array. */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return fromBinaryDigest(h.digest('binary'));
}

// Node hashing is the append hot path (about 0.4 µs per node instead of 1.3 µs
// with createHash(...).digest()): one reusable input buffer and the one-shot
// hash() avoid a Hash object per node, and sharing the buffer is safe because
// hashing is synchronous.
const nodeInput = new Uint8Array(NODE_PREFIX.length + 2 * HASH_SIZE);
nodeInput.set(NODE_PREFIX, 0);

/** SHA-256(0x01 || left || right); throws TypeError unless both are 32 bytes long. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  // A shorter child would silently hash stale bytes of the shared buffer.
  if (left?.length !== HASH_SIZE || right?.length !== HASH_SIZE) {
    throw new TypeError(`nodeHash: children must be ${HASH_SIZE}-byte hashes`);
  }
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return fromBinaryDigest(hash('sha256', nodeInput, 'binary'));
}

/** True for a 32-byte Uint8Array (Buffers included, from any realm). */
export function isHash(x: unknown): x is Uint8Array {
  return isUint8Array(x) && x.length === HASH_SIZE;
}

// A Buffer digest allocates an off-heap ArrayBuffer, which costs more than the
// hash itself; a 'binary' (latin1: one char per byte) string copied into a small
// on-heap Uint8Array halves the time and gives callers plain Uint8Arrays.
export function fromBinaryDigest(binary: string): Uint8Array {
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < bytes.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
