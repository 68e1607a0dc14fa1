import pg from 'pg';
import type { JsonObject, LedgerEntryType } from './entry.js';
import type { NewNode } from './merkle-plan.js';

/** Any 64-bit constant works; this one spells the purpose for anyone reading pg_locks. */
export const SEQUENCER_LOCK_KEY = 0x5349_4731_5345_51n; // "SIG1SEQ"

/**
 * Every pending entry leaves a dead `seq IS NULL` tuple behind once sequenced, in the seq index
 * and the pending index, until vacuum. A bitmap scan (the planner's pick while its statistics lag)
 * visits the heap for each of them on every poll and never marks them dead: 30-80 ms a poll with
 * 170,000 of them, where the pending index read in id order takes 3 ms and stops at the batch's
 * end. Every query of the sequencer's session is a lookup by key, which needs neither.
 */
export const SEQUENCER_SESSION_SETTINGS = 'SET enable_bitmapscan = off; SET enable_sort = off';

// Ordered by the table's columns: an output column cast to text would sort as text.
export const FETCH_PENDING_SQL = `SELECT e.id::text AS id, e.type, e.occurred_at, e.recorded_at, e.body, e.salt
  FROM ledger_entries e WHERE e.seq IS NULL ORDER BY e.id LIMIT $1`;

export interface PendingRow {
  id: bigint;
  type: LedgerEntryType;
  occurredAt: Date;
  recordedAt: Date;
  body: JsonObject;
  salt: Uint8Array;
}

export interface SequencedRow {
  id: bigint;
  seq: bigint;
  leafHash: Uint8Array;
}

/**
 * The sequencer's own PostgreSQL session. The advisory lock lives on this session and every write
 * goes through it, so a writer that lost its connection (and with it the lock) cannot write at all:
 * two sequencers can never interleave seqs.
 */
export class SequencerStore {
  private client: pg.Client | null = null;

  constructor(private readonly databaseUrl: string) {}

  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: 'sigillo-sequencer' });
    // A dead connection must surface as a failed query, not an unhandled 'error' event.
    client.on('error', () => undefined);
    await client.connect();
    await client.query(SEQUENCER_SESSION_SETTINGS);
    this.client = client;
  }

  /** Blocks until no other sequencer holds the lock. */
  async lock(): Promise<void> {
    await this.db.query('SELECT pg_advisory_lock($1)', [SEQUENCER_LOCK_KEY.toString()]);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  async fetchPending(limit: number): Promise<PendingRow[]> {
    const { rows } = await this.db.query<{
      id: string;
      type: LedgerEntryType;
      occurred_at: Date;
      recorded_at: Date;
      body: JsonObject;
      salt: Buffer;
    }>(FETCH_PENDING_SQL, [limit]);
    return rows.map((r) => ({
      id: BigInt(r.id),
      type: r.type,
      occurredAt: r.occurred_at,
      recordedAt: r.recorded_at,
      body: r.body,
      salt: new Uint8Array(r.salt),
    }));
  }

  /** Gives the batch its seqs and stores the new tree nodes, atomically. */
  async commitBatch(rows: SequencedRow[], nodes: NewNode[]): Promise<void> {
    const inner = nodes.filter((n) => n.level > 0);
    const db = this.db;
    await db.query('BEGIN');
    try {
      const updated = await db.query(
        `UPDATE ledger_entries e SET seq = u.seq, leaf_hash = u.leaf, sequenced_at = now()
           FROM unnest($1::bigint[], $2::bigint[], $3::bytea[]) AS u(id, seq, leaf)
          WHERE e.id = u.id AND e.seq IS NULL`,
        [rows.map((r) => r.id.toString()), rows.map((r) => r.seq.toString()), rows.map((r) => Buffer.from(r.leafHash))],
      );
      if (updated.rowCount !== rows.length) throw new Error('sequencer: pending rows changed under the lock');
      if (inner.length > 0) {
        await db.query(
          `INSERT INTO merkle_nodes (level, idx, hash)
           SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
          [inner.map((n) => n.level), inner.map((n) => n.index.toString()), inner.map((n) => Buffer.from(n.hash))],
        );
      }
      await db.query('COMMIT');
    } catch (err) {
      await db.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  async insertCheckpoint(c: { treeSize: bigint; root: Uint8Array; origin: string; note: string; verifierKey: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO checkpoints (tree_size, root, origin, note, verifier_key) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tree_size) DO NOTHING`,
      [c.treeSize.toString(), Buffer.from(c.root), c.origin, c.note, c.verifierKey],
    );
  }

  async latestCheckpointSize(): Promise<bigint> {
    const { rows } = await this.db.query<{ size: string | null }>('SELECT MAX(tree_size)::text AS size FROM checkpoints');
    return rows[0].size === null ? 0n : BigInt(rows[0].size);
  }

  private get db(): pg.Client {
    if (!this.client) throw new Error('sequencer store is not connected');
    return this.client;
  }
}
