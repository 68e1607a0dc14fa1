import { Injectable } from '@nestjs/common';
import { sql, statement } from '#sigillo/db';
import { PgPool, PrismaService } from '#sigillo/platform';
import type { JsonObject, LedgerEntryType } from './entry.js';
import { LedgerAppender } from './ledger-append.js';
import type { NodeKey } from './merkle-plan.js';
import type { NewLedgerEntry, StoredCheckpoint, StoredLedgerEntry } from './ledger-records.js';

const TREE_SIZE = statement<Record<string, never>, { size: string }>(
  'sigillo-ledger-tree-size',
  () => sql`SELECT COALESCE(MAX(seq) + 1, 0)::text AS size FROM ledger_entries`,
);

// A story is the entries naming the notification, its event's event.received, and the consent
// entries its decisions relied on.
const STORY_SEQS = statement<{ tenantId: string; eventId: string; notificationId: string }, { seq: string | null }>(
  'sigillo-ledger-story-seqs',
  (p) => sql`
WITH story AS (
  SELECT id, seq, body FROM ledger_entries
   WHERE tenant_id = ${p.tenantId}::uuid
     AND ((body->>'notificationId') = ${p.notificationId}::text OR (type IN ('event.received', 'event.received/v2') AND (body->>'eventId') = ${p.eventId}::text))
)
SELECT seq::text AS seq FROM story
UNION
SELECT c.seq::text FROM ledger_entries c
  JOIN story d ON (d.body->'consent'->>'consentId') IS NOT NULL
 WHERE c.tenant_id = ${p.tenantId}::uuid AND c.type IN ('consent.changed', 'consent.changed/v2') AND (c.body->>'consentId') = (d.body->'consent'->>'consentId')`,
);

const STORY_HAS_PENDING = statement<{ tenantId: string; eventId: string; notificationId: string }, { pending: boolean }>(
  'sigillo-ledger-story-has-pending',
  (p) => sql`
SELECT EXISTS (SELECT 1 FROM ledger_entries WHERE tenant_id = ${p.tenantId}::uuid AND seq IS NULL
  AND ((body->>'notificationId') = ${p.notificationId}::text OR (type IN ('event.received', 'event.received/v2') AND (body->>'eventId') = ${p.eventId}::text))) AS pending`,
);

const NODE_HASHES = statement<{ levels: number[]; indexes: string[] }, { level: number; idx: string; hash: Buffer | null }>(
  'sigillo-ledger-node-hashes',
  (p) => sql`
SELECT k.level::int AS level, k.idx::text AS idx, COALESCE(n.hash, e.leaf_hash) AS hash
  FROM unnest(${p.levels}::int[], ${p.indexes}::bigint[]) WITH ORDINALITY AS k(level, idx, ord)
  LEFT JOIN merkle_nodes n ON k.level > 0 AND n.level = k.level AND n.idx = k.idx
  LEFT JOIN ledger_entries e ON k.level = 0 AND e.seq = k.idx
 ORDER BY k.ord`,
);

/** Reads and pending writes of the log. The sequencer's own writes live in SequencerStore. */
@Injectable()
export class LedgerRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pool: PgPool,
  ) {}

  /** Records entries as pending (LedgerAppender.append on the pool); the sequencer gives them their place in the log. */
  appendPending(entries: NewLedgerEntry[]): Promise<bigint[]> {
    return LedgerAppender.append(this.pool, entries);
  }

  /** Number of sequenced entries (= the size of the tree the nodes describe). */
  async treeSize(): Promise<bigint> {
    const [row] = await TREE_SIZE.rows(this.pool, {});
    return BigInt(row.size);
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
    const rows = await STORY_SEQS.rows(this.pool, { tenantId, eventId, notificationId });
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
    const [row] = await STORY_HAS_PENDING.rows(this.pool, { tenantId, eventId, notificationId });
    return row.pending;
  }

  /** Hashes of perfect subtrees in the order asked; one round trip whatever the count. */
  async nodeHashes(keys: NodeKey[]): Promise<Uint8Array[]> {
    if (keys.length === 0) return [];
    const rows = await NODE_HASHES.rows(this.pool, { levels: keys.map((k) => k.level), indexes: keys.map((k) => k.index.toString()) });
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

function toCheckpoint(row: StoredCheckpoint): StoredCheckpoint {
  return { ...row, root: new Uint8Array(row.root) };
}
