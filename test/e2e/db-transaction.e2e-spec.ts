import pg from 'pg';
import { sql, statement, withTransaction } from '#sigillo/db';
import { createTestDatabase, type TestDatabase } from '../support/test-stack.js';

// The one transaction helper against a real PostgreSQL: committed or rolled back as a whole, its
// connection back in the pool on every path, one statement at a time.

let database: TestDatabase;
let pool: pg.Pool;

const INSERT = statement<{ k: string }>('spec-tx-insert', (p) => sql`INSERT INTO tx_probe (k) VALUES (${p.k})`);
const COUNT = statement<{ k: string }, { n: number }>('spec-tx-count', (p) => sql`SELECT count(*)::int AS n FROM tx_probe WHERE k = ${p.k}`);

const count = async (k: string) => (await COUNT.rows(pool, { k }))[0].n;
const idleAll = () =>
  expect({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }).toEqual({ total: pool.totalCount, idle: pool.totalCount, waiting: 0 });

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  await pool.query('CREATE TABLE tx_probe (k text NOT NULL)');
  await pool.query('CREATE TABLE tx_unique (k text NOT NULL, CONSTRAINT tx_unique_k UNIQUE (k) DEFERRABLE INITIALLY DEFERRED)');
});

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

describe('withTransaction', () => {
  it('commits what the work wrote and returns its result', async () => {
    const result = await withTransaction(pool, async (tx) => {
      await INSERT.run(tx, { k: 'committed' });
      return (await COUNT.rows(tx, { k: 'committed' }))[0].n;
    });
    expect(result).toBe(1);
    expect(await count('committed')).toBe(1);
    idleAll();
  });

  it('rolls back everything when the work throws, and rethrows its error', async () => {
    await expect(
      withTransaction(pool, async (tx) => {
        await INSERT.run(tx, { k: 'thrown' });
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    expect(await count('thrown')).toBe(0);
    idleAll();
  });

  it('rolls back after a failed statement (the transaction aborted) and the connection serves the next caller', async () => {
    await expect(
      withTransaction(pool, async (tx) => {
        await INSERT.run(tx, { k: 'aborted' });
        await tx.query('SELECT * FROM no_such_table');
      }),
    ).rejects.toThrow(/no_such_table/);
    expect(await count('aborted')).toBe(0);
    // Both connections are reused in turn: none is left in an aborted transaction.
    for (let i = 0; i < 4; i++) await withTransaction(pool, (tx) => INSERT.run(tx, { k: 'after-abort' }));
    expect(await count('after-abort')).toBe(4);
    idleAll();
  });

  it('fails and rolls back when COMMIT itself fails (a deferred constraint)', async () => {
    await expect(
      withTransaction(pool, async (tx) => {
        await INSERT.run(tx, { k: 'deferred' });
        await tx.query(`INSERT INTO tx_unique (k) VALUES ('twice'), ('twice')`);
      }),
    ).rejects.toThrow(/tx_unique_k/);
    expect(await count('deferred')).toBe(0);
    idleAll();
  });

  it('refuses a second statement sent before the first answered, and waits for the first before rolling back', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      await expect(
        withTransaction(pool, async (tx) => {
          await Promise.all([tx.query('SELECT pg_sleep(0.2)'), INSERT.run(tx, { k: 'concurrent' })]);
        }),
      ).rejects.toThrow('a transaction runs one statement at a time');
      expect(await count('concurrent')).toBe(0);
      idleAll();
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.includes('already executing a query'))).toEqual([]);
  });

  it('refuses statements after the transaction ended (its connection belongs to someone else then)', async () => {
    let leaked: { query: (text: string) => Promise<unknown> } | undefined;
    await withTransaction(pool, async (tx) => {
      leaked = tx;
    });
    await expect(leaked!.query('SELECT 1')).rejects.toThrow('this transaction has ended');
    idleAll();
  });

  it('destroys a connection that died inside the transaction instead of pooling it', async () => {
    const before = pool.totalCount;
    await expect(
      withTransaction(pool, async (tx) => {
        await INSERT.run(tx, { k: 'killed' });
        await pool.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = $1', ['idle in transaction']);
        await tx.query('SELECT 1');
      }),
    ).rejects.toThrow();
    expect(pool.totalCount).toBeLessThanOrEqual(before);
    expect(await count('killed')).toBe(0);
    await withTransaction(pool, (tx) => INSERT.run(tx, { k: 'after-kill' }));
    expect(await count('after-kill')).toBe(1);
    idleAll();
  });

  it('runs at the isolation level asked for', async () => {
    const level = await withTransaction(
      pool,
      async (tx) => (await tx.query<{ transaction_isolation: string }>('SHOW transaction_isolation')).rows[0].transaction_isolation,
      {
        isolation: 'REPEATABLE READ',
        readOnly: true,
      },
    );
    expect(level).toBe('repeatable read');
  });
});
