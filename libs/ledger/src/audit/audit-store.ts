import pg from 'pg';
import { sql, statement, withTransaction, type Transaction } from '#sigillo/db';
import type { JsonObject, LedgerEntryType } from '../entry.js';

export interface AuditRow {
  seq: bigint;
  type: LedgerEntryType;
  occurredAt: Date;
  recordedAt: Date;
  body: JsonObject;
  /** Null once erased. */
  salt: Uint8Array | null;
  leafHash: Uint8Array;
  /** Set when crypto-shredded: by which entry (its type and seq; seq null while it is pending). */
  erased: { byType: string | null; bySeq: bigint | null } | null;
}

export interface AuditCheckpoint {
  treeSize: bigint;
  root: Uint8Array;
  note: string;
  verifierKey: string;
}

export interface AuditAnchor {
  chainId: bigint;
  contract: string;
  treeSize: bigint;
  root: Uint8Array;
  txHash: string;
}

const TREE_SIZE = statement<Record<string, never>, { n: string }>(
  'sigillo-audit-tree-size',
  () => sql`SELECT COALESCE(MAX(seq) + 1, 0)::text AS n FROM ledger_entries`,
);

// Ordered by the table's column: the output column is text and would sort as text. Times as epoch
// milliseconds (the columns hold milliseconds): a number parses far faster than a timestamp text,
// and the audit reads two per entry.
const BATCH = statement<
  { from: string; limit: number },
  {
    seq: string;
    type: LedgerEntryType;
    occurred_ms: number;
    recorded_ms: number;
    body: JsonObject;
    salt: Buffer | null;
    leaf_hash: Buffer;
    erased: boolean;
    by_type: string | null;
    by_seq: string | null;
  }
>(
  'sigillo-audit-batch',
  (p) => sql`
SELECT e.seq::text AS seq, e.type,
       (EXTRACT(EPOCH FROM e.occurred_at) * 1000)::float8 AS occurred_ms,
       (EXTRACT(EPOCH FROM e.recorded_at) * 1000)::float8 AS recorded_ms,
       e.body, e.salt, e.leaf_hash,
       e.erased_at IS NOT NULL AS erased, x.type AS by_type, x.seq::text AS by_seq
  FROM ledger_entries e LEFT JOIN ledger_entries x ON x.id = e.erased_by
 WHERE e.seq >= ${p.from}::bigint ORDER BY e.seq LIMIT ${p.limit}::int`,
);

const NODES = statement<{ level: number; from: string; to: string }, { idx: string; hash: Buffer }>(
  'sigillo-audit-nodes',
  (p) => sql`SELECT idx::text, hash FROM merkle_nodes WHERE level = ${p.level}::smallint AND idx BETWEEN ${p.from}::bigint AND ${p.to}::bigint`,
);

const CHECKPOINTS = statement<Record<string, never>, { tree_size: string; root: Buffer; note: string; verifier_key: string }>(
  'sigillo-audit-checkpoints',
  () => sql`SELECT c.tree_size::text AS tree_size, c.root, c.note, c.verifier_key FROM checkpoints c ORDER BY c.tree_size`,
);

const CONFIRMED_ANCHORS = statement<{ contract: string }, { chain_id: string; contract: string; tree_size: string; root: Buffer; tx_hash: string }>(
  'sigillo-audit-confirmed-anchors',
  (p) => sql`SELECT a.chain_id::text AS chain_id, a.contract, a.tree_size::text AS tree_size, a.root, a.tx_hash FROM anchors a
              WHERE a.status = 'CONFIRMED' AND a.contract = ${p.contract} ORDER BY a.tree_size`,
);

/**
 * Read-only access to the stored log for `sigillo audit`, streaming in seq order, inside one
 * REPEATABLE READ READ ONLY transaction: the audit sees one consistent state while the log keeps
 * growing. Its statements run one after the other (a transaction runs one at a time): the batch
 * read ahead waits for nothing, a node lookup waits for the batch in flight.
 */
export class AuditStore {
  private last: Promise<unknown> = Promise.resolve();

  private constructor(private readonly tx: Transaction) {}

  /** Runs `work` on a store over its own connection, closed when `work` settles. */
  static async read<T>(databaseUrl: string, work: (store: AuditStore) => Promise<T>): Promise<T> {
    const pool = new pg.Pool({ connectionString: databaseUrl, application_name: 'sigillo-audit', max: 1 });
    pool.on('error', () => undefined);
    try {
      return await withTransaction(pool, (tx) => work(new AuditStore(tx)), { isolation: 'REPEATABLE READ', readOnly: true });
    } finally {
      await pool.end().catch(() => undefined);
    }
  }

  async treeSize(): Promise<bigint> {
    const [row] = await this.serial(() => TREE_SIZE.rows(this.tx, {}));
    return BigInt(row.n);
  }

  async *entries(batchSize = 5000): AsyncGenerator<AuditRow[]> {
    // The next batch is asked for before this one is handed over, so PostgreSQL reads and sends it
    // while the caller hashes: on a 1M-entry log the audit otherwise spends a tenth of its time idle.
    let next = this.batchFrom(0n, batchSize);
    try {
      for (;;) {
        const rows = await next;
        if (rows.length === 0) return;
        next = this.batchFrom(rows[rows.length - 1].seq + 1n, batchSize);
        yield rows;
      }
    } finally {
      // A caller that stops early (a missing entry) must not leave a query running past its transaction.
      await next.catch(() => undefined);
    }
  }

  private async batchFrom(from: bigint, batchSize: number): Promise<AuditRow[]> {
    const rows = await this.serial(() => BATCH.rows(this.tx, { from: from.toString(), limit: batchSize }));
    return rows.map((r) => ({
      seq: BigInt(r.seq),
      type: r.type,
      occurredAt: new Date(Math.round(r.occurred_ms)),
      recordedAt: new Date(Math.round(r.recorded_ms)),
      body: r.body,
      // Buffers are Uint8Arrays: no copy per entry (two per entry add up at a million).
      salt: r.salt,
      leafHash: r.leaf_hash,
      erased: r.erased ? { byType: r.by_type, bySeq: r.by_seq === null ? null : BigInt(r.by_seq) } : null,
    }));
  }

  /** Stored inner nodes of one level in [fromIdx, toIdx], as a map idx → hash. */
  async nodes(level: number, fromIdx: bigint, toIdx: bigint): Promise<Map<bigint, Uint8Array>> {
    const rows = await this.serial(() => NODES.rows(this.tx, { level, from: fromIdx.toString(), to: toIdx.toString() }));
    return new Map(rows.map((r) => [BigInt(r.idx), new Uint8Array(r.hash)]));
  }

  async checkpoints(): Promise<AuditCheckpoint[]> {
    const rows = await this.serial(() => CHECKPOINTS.rows(this.tx, {}));
    return rows.map((r) => ({ treeSize: BigInt(r.tree_size), root: new Uint8Array(r.root), note: r.note, verifierKey: r.verifier_key }));
  }

  async confirmedAnchors(contract: string): Promise<AuditAnchor[]> {
    const rows = await this.serial(() => CONFIRMED_ANCHORS.rows(this.tx, { contract: contract.toLowerCase() }));
    return rows.map((r) => ({
      chainId: BigInt(r.chain_id),
      contract: r.contract,
      treeSize: BigInt(r.tree_size),
      root: new Uint8Array(r.root),
      txHash: r.tx_hash,
    }));
  }

  /** Runs a statement once the one before it answered. */
  private serial<T>(run: () => Promise<T>): Promise<T> {
    const result = this.last.then(run, run);
    this.last = result.catch(() => undefined);
    return result;
  }
}
