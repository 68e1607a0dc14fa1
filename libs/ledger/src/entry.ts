import { randomBytes } from 'node:crypto';
import canonicalize from 'canonicalize';
import { leafHash } from './merkle.js';

/** What the log records. Later features add types; a type never changes meaning once used. */
export const LEDGER_ENTRY_TYPES = [
  'event.received',
  'notification.decided',
  'message.submitted',
  'message.failed',
  'message.status',
  'consent.changed',
  'template.status_changed',
  'subject.erased',
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

/** RFC 8785 canonical JSON of the entry: the exact text the leaf commits to. */
export function canonicalEntry(entry: LedgerEntry): string {
  if (entry.seq > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('seq beyond 2^53 cannot be a JSON number');
  const text = canonicalize({
    seq: Number(entry.seq),
    type: entry.type,
    occurredAt: entry.occurredAt.toISOString(),
    recordedAt: entry.recordedAt.toISOString(),
    body: entry.body,
  });
  if (text === undefined) throw new TypeError('entry cannot be canonicalised');
  return text;
}

const utf8 = new TextEncoder();

/** Leaf data = salt || canonical JSON; the salt keeps phone numbers and names unguessable from the leaf. */
export function commitmentLeafHash(salt: Uint8Array, canonical: string): Uint8Array {
  if (salt.length !== SALT_BYTES) throw new RangeError(`salt must be ${SALT_BYTES} bytes`);
  const text = utf8.encode(canonical);
  const data = new Uint8Array(salt.length + text.length);
  data.set(salt, 0);
  data.set(text, salt.length);
  return leafHash(data);
}

export function entryLeafHash(entry: LedgerEntry, salt: Uint8Array): Uint8Array {
  return commitmentLeafHash(salt, canonicalEntry(entry));
}
