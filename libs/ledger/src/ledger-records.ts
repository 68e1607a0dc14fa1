import type { JsonObject, LedgerEntryType } from './entry.js';

/** An entry to record; seq, salt and leaf come later from the sequencer. */
export interface NewLedgerEntry {
  type: LedgerEntryType;
  occurredAt: Date;
  body: JsonObject;
  /** Whose record it is; null for the deployment's own entries. */
  tenantId?: string | null;
  /**
   * The E.164 number of the person the entry is about, when its body holds their personal data:
   * it becomes the entry's subject reference (with tenantId), by which erasure finds it.
   */
  subjectPhone?: string | null;
}

export interface StoredLedgerEntry {
  tenantId: string | null;
  seq: bigint | null;
  type: LedgerEntryType;
  occurredAt: Date;
  recordedAt: Date;
  body: JsonObject;
  /** Null once erased. */
  salt: Uint8Array | null;
  leafHash: Uint8Array | null;
  /** When the entry was crypto-shredded, with the seq of the subject.erased entry recording it (null while pending). */
  erased: { at: Date; bySeq: bigint | null } | null;
}

export interface StoredCheckpoint {
  treeSize: bigint;
  root: Uint8Array;
  origin: string;
  note: string;
  verifierKey: string;
  createdAt: Date;
}
