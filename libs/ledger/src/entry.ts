import { hash, randomBytes } from 'node:crypto';
import { canonicalJson, canonicalString } from './canonical-json.js';
import { fromBinaryDigest, LEAF_PREFIX } from './hash.js';

/** What the log records. Later features add types; a type never changes meaning once used. */
export const LEDGER_ENTRY_TYPES = [
  'event.received',
  'event.received/v2',
  'notification.decided',
  'notification.decided/v2',
  'message.submitted',
  'message.submitted/v2',
  'message.failed',
  'message.failed/v2',
  'message.status',
  'consent.changed',
  'consent.changed/v2',
  'contact.number_changed',
  'template.status_changed',
  'template.status_changed/v2',
  'template.quality_changed',
  'template.category_changed',
  'subject.erased',
  'config.binding_set',
  'config.api_key_created',
  'config.api_key_revoked',
  'config.staff_account_created',
  'config.staff_account_disabled',
  'config.tenant_setting_changed',
  'config.erasure_ordered',
] as const;
export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** An entry as committed: seq is its leaf index. */
export interface LedgerEntry {
  seq: bigint;
  type: LedgerEntryType;
  occurredAt: Date;
  recordedAt: Date;
  body: JsonObject;
}

export const SALT_BYTES = 32;

/**
 * The body of a crypto-shredded entry: its content and salt are gone, its leaf hash stays in the
 * tree. It is not what the leaf commits to, so an erased entry can no longer be opened or proven.
 */
export const ERASED_BODY = Object.freeze({ erased: true }) as Readonly<JsonObject>;

/** Fresh random salts; many from one call to the CSPRNG from one call to the CSPRNG: cheaper than one call each on the append path. */
export function newSalts(count: number): Uint8Array[] {
  const pool = randomBytes(SALT_BYTES * count);
  return Array.from({ length: count }, (_, i) => new Uint8Array(pool.buffer, pool.byteOffset + i * SALT_BYTES, SALT_BYTES));
}

const MAX_SEQ = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * RFC 8785 canonical JSON of the entry: the exact text the leaf commits to. The five top-level
 * keys are written in JCS order (body, occurredAt, recordedAt, seq, type) directly; ISO dates need
 * no escaping.
 */
export function canonicalEntry(entry: LedgerEntry): string {
  if (entry.seq > MAX_SEQ) throw new RangeError('seq beyond 2^53 cannot be a JSON number');
  return `{"body":${canonicalJson(entry.body)},"occurredAt":"${entry.occurredAt.toISOString()}","recordedAt":"${entry.recordedAt.toISOString()}","seq":${Number(entry.seq)},"type":${canonicalString(entry.type)}}`;
}

// One reusable input buffer for the one-shot hash(): no Hash object and no buffers per entry, which
// the audit feels at a million entries. Safe to share because hashing is synchronous. Plain
// Uint8Array and TextEncoder: the browser audit page runs this file too.
const utf8 = new TextEncoder();
let leafInput = new Uint8Array(4096);

/** Leaf data = salt || canonical JSON; the salt keeps phone numbers and names unguessable from the leaf. */
export function commitmentLeafHash(salt: Uint8Array, canonical: string): Uint8Array {
  if (salt.length !== SALT_BYTES) throw new RangeError(`salt must be ${SALT_BYTES} bytes`);
  const start = LEAF_PREFIX.length + SALT_BYTES;
  const longest = start + canonical.length * 3; // UTF-8 takes at most 3 bytes per UTF-16 unit
  if (leafInput.length < longest) leafInput = new Uint8Array(Math.max(longest, leafInput.length * 2));
  leafInput.set(LEAF_PREFIX, 0);
  leafInput.set(salt, LEAF_PREFIX.length);
  const { written } = utf8.encodeInto(canonical, leafInput.subarray(start));
  return fromBinaryDigest(hash('sha256', leafInput.subarray(0, start + written), 'binary'));
}

export function entryLeafHash(entry: LedgerEntry, salt: Uint8Array): Uint8Array {
  return commitmentLeafHash(salt, canonicalEntry(entry));
}
