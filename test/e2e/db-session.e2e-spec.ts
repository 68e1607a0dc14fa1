import pg from 'pg';
import { DedicatedSession, SessionLock, sql, statement } from '#sigillo/db';
import { createTestDatabase, type TestDatabase } from '../support/test-stack.js';

// A dedicated session (what the anchorer's leader lock lives on) against a real PostgreSQL: its
// state lasts exactly as long as its connection, and it runs one statement at a time.

let database: TestDatabase;
let admin: pg.Pool;
const KEY = 4242n;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = new pg.Pool({ connectionString: database.url, max: 1 });
});

afterAll(async () => {
  await admin?.end();
  await database?.drop();
});

const sessionsNamed = async (name: string) =>
  (await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [name])).rows[0].n;

describe('SessionLock', () => {
  it('is held by one process at a time, and free again on release or close', async () => {
    const a = new SessionLock(database.url, KEY, 'spec-lock-a');
    const b = new SessionLock(database.url, KEY, 'spec-lock-b');
    try {
      expect(await a.tryAcquire()).toBe(true);
      expect(await a.tryAcquire()).toBe(true); // still held: the session is alive
      expect(await b.tryAcquire()).toBe(false);
      await a.release();
      expect(await b.tryAcquire()).toBe(true);
      await b.close();
      expect(await a.tryAcquire()).toBe(true);
      expect(await sessionsNamed('spec-lock-b')).toBe(0);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('loses the lock with its connection, says so, and takes it again on a new one', async () => {
    const a = new SessionLock(database.url, KEY, 'spec-lock-killed');
    const b = new SessionLock(database.url, KEY, 'spec-lock-other');
    try {
      expect(await a.tryAcquire()).toBe(true);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'spec-lock-killed'");
      await expect(a.tryAcquire()).rejects.toThrow();
      expect(await b.tryAcquire()).toBe(true);
      await b.release();
      expect(await a.tryAcquire()).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('DedicatedSession', () => {
  it('keeps session state between statements on one connection', async () => {
    const s = new DedicatedSession({ connectionString: database.url, applicationName: 'spec-session' });
    try {
      await s.query("SET application_name = 'spec-session-renamed'");
      expect((await s.query<{ n: string }>('SHOW application_name')).rows[0]).toEqual({ application_name: 'spec-session-renamed' });
    } finally {
      await s.end();
    }
    expect(await sessionsNamed('spec-session-renamed')).toBe(0);
  });

  it('refuses a second statement sent before the first answered, and anything after end()', async () => {
    const s = new DedicatedSession({ connectionString: database.url, applicationName: 'spec-session-busy' });
    const slow = s.query('SELECT pg_sleep(0.1)');
    await expect(s.query('SELECT 1')).rejects.toThrow('a session runs one statement at a time');
    await slow;
    await s.end();
    await expect(s.query('SELECT 1')).rejects.toThrow('this session has ended');
  });

  it('runs typed statements, and a transaction on itself: committed when the work resolves, rolled back when it throws', async () => {
    const s = new DedicatedSession({ connectionString: database.url, applicationName: 'spec-session-tx' });
    const put = statement<{ k: string }>('spec-session-put', (p) => sql`INSERT INTO spec_session_tx (k) VALUES (${p.k})`);
    const count = statement<Record<string, never>, { n: number }>('spec-session-count', () => sql`SELECT count(*)::int AS n FROM spec_session_tx`);
    try {
      await admin.query('CREATE TABLE spec_session_tx (k text PRIMARY KEY)');
      await s.transaction(async (tx) => {
        await put.run(tx, { k: 'a' });
        await put.run(tx, { k: 'b' });
      });
      await expect(
        s.transaction(async (tx) => {
          await put.run(tx, { k: 'c' });
          throw new Error('work failed');
        }),
      ).rejects.toThrow('work failed');
      // A failing statement rolls back what came before it in the same transaction.
      await expect(
        s.transaction(async (tx) => {
          await put.run(tx, { k: 'd' });
          await put.run(tx, { k: 'a' });
        }),
      ).rejects.toThrow(/duplicate key/);
      expect((await count.rows(s, {}))[0].n).toBe(2);
      const seen = await s.transaction(async (tx) => (await count.rows(tx, {}))[0].n, { isolation: 'REPEATABLE READ', readOnly: true });
      expect(seen).toBe(2);
      await expect(s.transaction((tx) => put.run(tx, { k: 'e' }), { readOnly: true })).rejects.toThrow(/read-only transaction/);
    } finally {
      await s.end();
      await admin.query('DROP TABLE IF EXISTS spec_session_tx');
    }
  });
});
