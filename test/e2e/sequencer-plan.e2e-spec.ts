import pg from 'pg';
import { FETCH_PENDING_SQL, SEQUENCER_SESSION_SETTINGS } from '#sigillo/ledger';
import { createTestDatabase, type TestDatabase } from '../support/test-stack.js';

let database: TestDatabase;
let db: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await database?.drop();
});

function append(n: number): Promise<unknown> {
  return db.query(`INSERT INTO ledger_entries (type, occurred_at, body, salt) SELECT 'event.received', now(), '{"k":1}', '\\x00' FROM generate_series(1, $1)`, [
    n,
  ]);
}

function sequenceAll(): Promise<unknown> {
  return db.query(`UPDATE ledger_entries SET seq = id - 1, leaf_hash = '\\x00', sequenced_at = now() WHERE seq IS NULL`);
}

/** Entries appended and then sequenced, as the sequencer does: each leaves a dead `seq IS NULL` tuple. */
async function appendAndSequence(n: number): Promise<void> {
  await append(n);
  await sequenceAll();
}

describe("the sequencer's poll for pending entries", () => {
  it('reads the pending index in id order, not a bitmap over every dead entry, while statistics lag', async () => {
    await db.query('ALTER TABLE ledger_entries SET (autovacuum_enabled = false)');
    await appendAndSequence(50_000);
    // Statistics taken with a few thousand entries pending, as in a burst (fewer than a batch)...
    await append(4_000);
    await db.query('ANALYZE ledger_entries');
    // ...then tens of thousands sequenced since, each leaving its dead `seq IS NULL` tuple.
    await sequenceAll();
    for (let i = 0; i < 6; i++) await appendAndSequence(10_000);
    await append(100);

    const session = new pg.Client({ connectionString: database.url });
    await session.connect();
    try {
      const explain = async () =>
        (await session.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${FETCH_PENDING_SQL.replace('$1', '10000')}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
      // The planner's own pick: every `seq IS NULL` entry of an index, dead ones included, then a sort.
      expect(await explain()).toContain('Sort');
      await session.query(SEQUENCER_SESSION_SETTINGS);
      const plan = await explain();
      expect(plan).toContain('Index Scan using ledger_entries_pending_idx');
      expect(plan).not.toMatch(/Bitmap|Sort/);
      const pending = await session.query(FETCH_PENDING_SQL, [10000]);
      expect(pending.rowCount).toBe(100);
    } finally {
      await session.end();
    }
  });
});
