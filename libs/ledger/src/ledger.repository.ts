import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/src/prisma.service.js';
import type { PrismaTx } from '../../platform/src/prisma-tx.js';
import type { JsonObject, LedgerEntryType } from './entry.js';
import { newSalts } from './entry.js';
import { toHex } from './bytes.js';
import { subjectRef } from './subject.js';
import type { NodeKey } from './merkle-plan.js';
import type { NewLedgerEntry, StoredCheckpoint, StoredLedgerEntry } from './ledger-records.js';

/** Reads and pending writes of the log. The sequencer's own writes live in SequencerStore. */
@Injectable()
export class LedgerRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Records entries as pending; the sequencer gives them their place in the log. One statement
   * whatever the count (unnest of arrays): this is on every request's path.
   */
  async appendPending(entries: NewLedgerEntry[], tx: PrismaTx = this.prisma): Promise<bigint[]> {
    if (entries.length === 0) return [];
    const { types, occurredAt, bodies, salts, tenants, subjects } = pendingEntryColumns(entries);
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
      SELECT t, o, b, decode(s, 'hex'), tn, decode(sr, 'hex')
        FROM unnest(${types}::text[], ${occurredAt}::timestamptz[], ${bodies}::jsonb[], ${salts}::text[], ${tenants}::uuid[], ${subjects}::text[])
             WITH ORDINALITY AS u(t, o, b, s, tn, sr, ord)
       ORDER BY ord
      RETURNING id`;
    return rows.map((r) => BigInt(r.id));
  }

  /** Number of sequenced entries (= the size of the tree the nodes describe). */
  async treeSize(): Promise<bigint> {
    const rows = await this.prisma.$queryRaw<{ size: bigint }[]>`SELECT COALESCE(MAX(seq) + 1, 0)::bigint AS size FROM ledger_entries`;
    return BigInt(rows[0].size);
  }

  async findBySeq(seq: bigint): Promise<StoredLedgerEntry | null> {
    const row = await this.prisma.ledgerEntry.findUnique({ where: { seq } });
    if (!row) return null;
    let erased: StoredLedgerEntry['erased'] = null;
    if (row.erasedAt) {
      const by = row.erasedBy === null ? null : await this.prisma.ledgerEntry.findUnique({ where: { id: row.erasedBy }, select: { seq: true } });
      erased = { at: row.erasedAt, bySeq: by?.seq ?? null };
    }
    return {
      tenantId: row.tenantId,
      seq: row.seq,
      type: row.type as LedgerEntryType,
      occurredAt: row.occurredAt,
      recordedAt: row.recordedAt,
      body: row.body as JsonObject,
      salt: row.salt ? new Uint8Array(row.salt) : null,
      leafHash: row.leafHash ? new Uint8Array(row.leafHash) : null,
      erased,
    };
  }

  /**
   * The entries of one notification's story, in log order: its event received, its decision, the
   * consent entry the decision relied on, its submission or failure, and every delivery status.
   */
  async storyEntries(tenantId: string, eventId: string, notificationId: string): Promise<StoredLedgerEntry[]> {
    const rows = await this.prisma.$queryRaw<{ seq: bigint | null }[]>`
      WITH story AS (
        SELECT id, seq, body FROM ledger_entries
         WHERE tenant_id = ${tenantId}::uuid
           AND ((body->>'notificationId') = ${notificationId} OR (type = 'event.received' AND (body->>'eventId') = ${eventId}))
      )
      SELECT seq FROM story
      UNION
      SELECT c.seq FROM ledger_entries c
        JOIN story d ON (d.body->'consent'->>'consentId') IS NOT NULL
       WHERE c.tenant_id = ${tenantId}::uuid AND c.type = 'consent.changed' AND (c.body->>'consentId') = (d.body->'consent'->>'consentId')`;
    const entries: StoredLedgerEntry[] = [];
    for (const r of rows) {
      if (r.seq === null) continue;
      const entry = await this.findBySeq(BigInt(r.seq));
      if (entry) entries.push(entry);
    }
    return entries.sort((a, b) => (a.seq! < b.seq! ? -1 : 1));
  }

  /** Whether any entry of the story still waits for the sequencer. */
  async storyHasPending(tenantId: string, eventId: string, notificationId: string): Promise<boolean> {
    const rows = await this.prisma.$queryRaw<{ pending: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM ledger_entries WHERE tenant_id = ${tenantId}::uuid AND seq IS NULL
        AND ((body->>'notificationId') = ${notificationId} OR (type = 'event.received' AND (body->>'eventId') = ${eventId}))) AS pending`;
    return rows[0].pending;
  }

  /** Hashes of perfect subtrees in the order asked; one round trip whatever the count. */
  async nodeHashes(keys: NodeKey[]): Promise<Uint8Array[]> {
    if (keys.length === 0) return [];
    const levels = keys.map((k) => k.level);
    const indexes = keys.map((k) => k.index.toString());
    const rows = await this.prisma.$queryRaw<{ level: number; idx: string; hash: Uint8Array | null }[]>`
      SELECT k.level::int AS level, k.idx::text AS idx, COALESCE(n.hash, e.leaf_hash) AS hash
        FROM unnest(${levels}::int[], ${indexes}::bigint[]) WITH ORDINALITY AS k(level, idx, ord)
        LEFT JOIN merkle_nodes n ON k.level > 0 AND n.level = k.level AND n.idx = k.idx
        LEFT JOIN ledger_entries e ON k.level = 0 AND e.seq = k.idx
       ORDER BY k.ord`;
    return rows.map((r) => {
      if (r.hash === null) throw new Error(`merkle node (${r.level}, ${r.idx}) is missing`);
      return new Uint8Array(r.hash);
    });
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | null> {
    const row = await this.prisma.checkpoint.findFirst({ orderBy: { treeSize: 'desc' } });
    return row ? toCheckpoint(row) : null;
  }

  /** The first checkpoint that contains leaf `seq`: the one that committed it. */
  async firstCheckpointCovering(seq: bigint): Promise<StoredCheckpoint | null> {
    const row = await this.prisma.checkpoint.findFirst({ where: { treeSize: { gt: seq } }, orderBy: { treeSize: 'asc' } });
    return row ? toCheckpoint(row) : null;
  }

  async checkpointAt(treeSize: bigint): Promise<StoredCheckpoint | null> {
    const row = await this.prisma.checkpoint.findUnique({ where: { treeSize } });
    return row ? toCheckpoint(row) : null;
  }
}

/**
 * Column arrays for `unnest`: the one way pending entries are written, by whichever query.
 * `subjects` are hex subject references (decode(…, 'hex') in SQL), null for entries about no one.
 */
export function pendingEntryColumns(entries: NewLedgerEntry[]): {
  types: string[];
  occurredAt: string[];
  bodies: string[];
  salts: string[];
  tenants: (string | null)[];
  subjects: (string | null)[];
} {
  return {
    types: entries.map((e) => e.type),
    occurredAt: entries.map((e) => e.occurredAt.toISOString()),
    bodies: entries.map((e) => JSON.stringify(e.body)),
    salts: newSalts(entries.length).map(toHex),
    tenants: entries.map((e) => e.tenantId ?? null),
    subjects: entries.map(subjectColumn),
  };
}

function subjectColumn(e: NewLedgerEntry): string | null {
  if (!e.subjectPhone) return null;
  if (!e.tenantId) throw new TypeError(`a ${e.type} entry about a subject needs its tenant`);
  return toHex(subjectRef(e.tenantId, e.subjectPhone));
}

function toCheckpoint(row: StoredCheckpoint): StoredCheckpoint {
  return { ...row, root: new Uint8Array(row.root) };
}
