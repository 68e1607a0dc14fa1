import { DedicatedSession, sql, statement } from '#sigillo/db';
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
const SESSION_SETTINGS = statement(
  'sigillo-sequencer-session-settings',
  () => sql`SELECT set_config('enable_bitmapscan', 'off', false), set_config('enable_sort', 'off', false)`,
);

/** The settings as SQL text (for plan checks that run the sequencer's query in a session of their own). */
export const SEQUENCER_SESSION_SETTINGS = SESSION_SETTINGS.text;

// Ordered by the table's columns: an output column cast to text would sort as text.
const FETCH_PENDING = statement<{ limit: number }, { id: string; type: LedgerEntryType; occurred_at: Date; recorded_at: Date; body: JsonObject; salt: Buffer }>(
  'sigillo-sequencer-fetch-pending',
  (p) => sql`SELECT e.id::text AS id, e.type, e.occurred_at, e.recorded_at, e.body, e.salt
  FROM ledger_entries e WHERE e.seq IS NULL ORDER BY e.id LIMIT ${p.limit}::int`,
);

/** The pending-entries query's text ($1: the batch size), for plan checks. */
export const FETCH_PENDING_SQL = FETCH_PENDING.text;

const LOCK = statement<{ key: string }>('sigillo-sequencer-lock', (p) => sql`SELECT pg_advisory_lock(${p.key}::bigint)`);

const SEQUENCE = statement<{ ids: string[]; seqs: string[]; leaves: Buffer[] }>(
  'sigillo-sequencer-sequence',
  (p) => sql`
UPDATE ledger_entries e SET seq = u.seq, leaf_hash = u.leaf, sequenced_at = now()
  FROM unnest(${p.ids}::bigint[], ${p.seqs}::bigint[], ${p.leaves}::bytea[]) AS u(id, seq, leaf)
 WHERE e.id = u.id AND e.seq IS NULL`,
);

const INSERT_NODES = statement<{ levels: number[]; indexes: string[]; hashes: Buffer[] }>(
  'sigillo-sequencer-insert-nodes',
  (p) => sql`
INSERT INTO merkle_nodes (level, idx, hash) SELECT * FROM unnest(${p.levels}::smallint[], ${p.indexes}::bigint[], ${p.hashes}::bytea[])`,
);

const INSERT_CHECKPOINT = statement<{ treeSize: string; root: Buffer; origin: string; note: string; verifierKey: string }>(
  'sigillo-sequencer-insert-checkpoint',
  (p) => sql`INSERT INTO checkpoints (tree_size, root, origin, note, verifier_key)
             VALUES (${p.treeSize}::bigint, ${p.root}, ${p.origin}, ${p.note}, ${p.verifierKey}) ON CONFLICT (tree_size) DO NOTHING`,
);

const LATEST_CHECKPOINT_SIZE = statement<Record<string, never>, { size: string | null }>(
  'sigillo-sequencer-latest-checkpoint-size',
  () => sql`SELECT MAX(tree_size)::text AS size FROM checkpoints`,
);

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
 * two sequencers can never interleave seqs. After any failure the store refuses everything (a
 * DedicatedSession would open a new connection, without the lock): the service closes it and
 * starts over with a new one, which takes the lock again.
 */
export class SequencerStore {
  private session: DedicatedSession | null = null;
  private failed: Error | null = null;

  constructor(private readonly databaseUrl: string) {}

  async connect(): Promise<void> {
    this.session = new DedicatedSession({ connectionString: this.databaseUrl, applicationName: 'sigillo-sequencer' });
    await this.use((db) => SESSION_SETTINGS.run(db, {}));
  }

  /** Blocks until no other sequencer holds the lock. */
  async lock(): Promise<void> {
    await this.use((db) => LOCK.run(db, { key: SEQUENCER_LOCK_KEY.toString() }));
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    await session?.end().catch(() => undefined);
  }

  async fetchPending(limit: number): Promise<PendingRow[]> {
    const rows = await this.use((db) => FETCH_PENDING.rows(db, { limit }));
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
    await this.use((session) =>
      session.transaction(async (db) => {
        const updated = await SEQUENCE.run(db, {
          ids: rows.map((r) => r.id.toString()),
          seqs: rows.map((r) => r.seq.toString()),
          leaves: rows.map((r) => Buffer.from(r.leafHash)),
        });
        if (updated !== rows.length) throw new Error('sequencer: pending rows changed under the lock');
        if (inner.length > 0) {
          await INSERT_NODES.run(db, {
            levels: inner.map((n) => n.level),
            indexes: inner.map((n) => n.index.toString()),
            hashes: inner.map((n) => Buffer.from(n.hash)),
          });
        }
      }),
    );
  }

  async insertCheckpoint(c: { treeSize: bigint; root: Uint8Array; origin: string; note: string; verifierKey: string }): Promise<void> {
    await this.use((db) =>
      INSERT_CHECKPOINT.run(db, { treeSize: c.treeSize.toString(), root: Buffer.from(c.root), origin: c.origin, note: c.note, verifierKey: c.verifierKey }),
    );
  }

  async latestCheckpointSize(): Promise<bigint> {
    const [row] = await this.use((db) => LATEST_CHECKPOINT_SIZE.rows(db, {}));
    return row.size === null ? 0n : BigInt(row.size);
  }

  private async use<T>(work: (session: DedicatedSession) => Promise<T>): Promise<T> {
    if (!this.session) throw new Error('sequencer store is not connected');
    if (this.failed) throw new Error(`sequencer store failed earlier (${this.failed.message}): close it and connect a new one`);
    try {
      return await work(this.session);
    } catch (err) {
      this.failed = err as Error;
      throw err;
    }
  }
}
