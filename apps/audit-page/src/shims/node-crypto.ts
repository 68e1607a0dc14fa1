// Browser stand-in for the `node:crypto` calls of libs/ledger (hash.ts, checkpoint.ts, entry.ts),
// so the page runs the library's own parsers and verifiers unchanged. Both primitives are
// synchronous, as the library expects: SHA-256 from @noble/hashes, Ed25519 verification
// (RFC 8032, strict: zip215 off, like OpenSSL behind node:crypto) from @noble/curves.
// Signing is not part of auditing: private-key functions throw.
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { Buffer, ShimBuffer } from './buffer.js';

type Digest = 'binary' | 'latin1' | 'hex' | 'base64';

const SPKI_ED25519_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
const ED25519_KEY_SIZE = 32;

function assertSha256(algorithm: string): void {
  if (algorithm.toLowerCase() !== 'sha256') throw new Error(`node:crypto shim: only sha256 is available, not ${algorithm}`);
}

function encodeDigest(digest: Uint8Array, encoding?: Digest): string | ShimBuffer {
  const buffer = Buffer.from(digest);
  return encoding === undefined ? buffer : buffer.toString(encoding);
}

export function createHash(algorithm: string) {
  assertSha256(algorithm);
  const state = sha256.create();
  const hasher = {
    update(data: Uint8Array | string) {
      state.update(typeof data === 'string' ? new TextEncoder().encode(data) : data);
      return hasher;
    },
    digest(encoding?: Digest) {
      return encodeDigest(state.digest(), encoding);
    },
  };
  return hasher;
}

/** node:crypto's one-shot `hash(algorithm, data, outputEncoding)`. */
export function hash(algorithm: string, data: Uint8Array | string, encoding: Digest = 'hex'): string | ShimBuffer {
  assertSha256(algorithm);
  return encodeDigest(sha256(typeof data === 'string' ? new TextEncoder().encode(data) : data), encoding);
}

export function randomBytes(size: number): ShimBuffer {
  const out = new ShimBuffer(size);
  // getRandomValues fills at most 65536 bytes per call.
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(size, i + 65536)));
  return out;
}

/** An Ed25519 public key imported from its RFC 8410 SPKI DER form (all checkpoint.ts produces). */
export class KeyObject {
  readonly type = 'public';
  constructor(readonly raw: Uint8Array) {}
}

export function createPublicKey(input: { key: Uint8Array; format: 'der'; type: 'spki' } | unknown): KeyObject {
  const spec = input as { key?: unknown; format?: unknown; type?: unknown };
  const der = spec.key;
  if (spec.format !== 'der' || spec.type !== 'spki' || !(der instanceof Uint8Array)) {
    throw new Error('node:crypto shim: only Ed25519 public keys in SPKI DER form can be imported');
  }
  const prefixOk = der.length === SPKI_ED25519_PREFIX.length + ED25519_KEY_SIZE && SPKI_ED25519_PREFIX.every((b, i) => der[i] === b);
  if (!prefixOk) throw new Error('node:crypto shim: not an Ed25519 SPKI public key');
  return new KeyObject(der.slice(SPKI_ED25519_PREFIX.length));
}

/** node:crypto `verify(null, message, ed25519PublicKey, signature)`: false (never a throw) for a bad signature or key. */
export function verify(algorithm: null | undefined, message: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  if (algorithm !== null && algorithm !== undefined) throw new Error('node:crypto shim: Ed25519 takes no digest algorithm');
  if (!(key instanceof KeyObject)) throw new Error('node:crypto shim: verify needs a key from createPublicKey');
  try {
    return ed25519.verify(signature, message, key.raw, { zip215: false });
  } catch {
    return false;
  }
}

function unavailable(name: string): never {
  throw new Error(`node:crypto shim: ${name} is not available in the audit page (it only verifies)`);
}

export function createPrivateKey(): never {
  return unavailable('createPrivateKey');
}

export function sign(): never {
  return unavailable('sign');
}
