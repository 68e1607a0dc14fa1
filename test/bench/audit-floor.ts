// The floor a full audit is judged against, measured on the same database in the same run: the
// time to read the rows the audit reads (COPY … TO STDOUT through psql, no Node, no parsing) plus
// the time to hash as many leaves and nodes as it re-derives (SHA-256 one-shot on buffers of the
// log's mean leaf size). Whatever the machine's speed that day, the audit should stay within a
// small multiple of it.
import { spawn } from 'node:child_process';
import { hash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { median } from './stats.js';

export interface AuditFloor {
  entries: number;
  nodes: number;
  /** Bytes psql received for both tables. */
  bytes: number;
  copySeconds: number[];
  hashSeconds: number[];
  /** median(copy) + median(hash). */
  seconds: number;
}

// The columns and join of AuditStore.entries (libs/ledger/src/audit/audit-store.ts), in seq order.
const ENTRY_ROWS = `SELECT e.seq, e.type, e.occurred_at, e.recorded_at, e.body, e.salt, e.leaf_hash, e.erased_at IS NOT NULL, x.type, x.seq
  FROM ledger_entries e LEFT JOIN ledger_entries x ON x.id = e.erased_by WHERE e.seq IS NOT NULL ORDER BY e.seq`;
const NODE_ROWS = 'SELECT level, idx, hash FROM merkle_nodes ORDER BY level, idx';

export async function measureAuditFloor(databaseUrl: string, runs: number): Promise<AuditFloor> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let entries: number;
  let leafBytes: number;
  let nodes: number;
  try {
    const { rows } = await db.query<{ n: string; body: string | null; nodes: string }>(
      `SELECT COUNT(*)::text AS n, AVG(octet_length(body::text))::text AS body, (SELECT COUNT(*) FROM merkle_nodes)::text AS nodes FROM ledger_entries WHERE seq IS NOT NULL`,
    );
    entries = Number(rows[0].n);
    nodes = Number(rows[0].nodes);
    // 0x00, the 32-byte salt, and the canonical entry: its body plus ~120 bytes of envelope (seq, type, times).
    leafBytes = 1 + 32 + Math.round(Number(rows[0].body ?? 0)) + 120;
  } finally {
    await db.end();
  }
  const copySeconds: number[] = [];
  const hashSeconds: number[] = [];
  let bytes = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    bytes = (await copyOut(databaseUrl, ENTRY_ROWS)) + (await copyOut(databaseUrl, NODE_ROWS));
    copySeconds.push((performance.now() - t0) / 1000);
    hashSeconds.push(hashSecondsFor(entries, leafBytes, Math.max(entries - 1, 0)));
  }
  return { entries, nodes, bytes, copySeconds, hashSeconds, seconds: median(copySeconds) + median(hashSeconds) };
}

/** SHA-256 of `leaves` inputs of `leafBytes` bytes and `internal` 65-byte node inputs. */
export function hashSecondsFor(leaves: number, leafBytes: number, internal: number): number {
  const leaf = new Uint8Array(leafBytes);
  const node = new Uint8Array(65);
  node[0] = 1;
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < leaves; i++) {
    leaf[1] = i & 0xff; // a different input each time, as every leaf is
    sink ^= hash('sha256', leaf, 'buffer')[0];
  }
  for (let i = 0; i < internal; i++) {
    node[1] = i & 0xff;
    sink ^= hash('sha256', node, 'buffer')[0];
  }
  const seconds = (performance.now() - t0) / 1000;
  return sink === -1 ? NaN : seconds; // keeps the loop's result alive
}

/** Bytes of `COPY (query) TO STDOUT` as psql receives them, written nowhere. */
function copyOut(databaseUrl: string, query: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.PSQL ?? 'psql', [databaseUrl, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `COPY (${query}) TO STDOUT`], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    let err = '';
    child.stdout.on('data', (d: Buffer) => (bytes += d.length));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(bytes) : reject(new Error(`psql COPY exited ${code}: ${err.trim().slice(0, 300)}`))));
  });
}
