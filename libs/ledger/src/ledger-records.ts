import type { JsonObject, LedgerEntryType } from './entry.js';

/** An entry to record; seq, salt and leaf come later from the sequencer. */
export interface NewLedgerEntry {
  type: LedgerEntryType;
  occurredAt: Date;
  body: JsonObject;
  /** Whose record it is; null for the deployment's own entries. */
  tenantId?: string | null;
}

export interface StoredLedgerEntry {
  tenantId: string | null;
  seq: bigint | null;
  type: LedgerEntryType;
  occurredAt: Date;
  recordedAt: Date;
  body: JsonObject;
  salt: Uint8Array;
  leafHash: Uint8Array | null;
}

export interface StoredCheckpoint {
  treeSize: bigint;
  root: Uint8Array;
  origin: string;
  note: string;
  verifierKey: string;
  createdAt: Date;
}
