import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { ConsentRepository } from '#sigillo/consent';
import type { NewIntake } from '#sigillo/notifications';
import { NotificationRepository, SendRepository } from '#sigillo/notifications';
import { DatabaseConfig, PgPool } from '#sigillo/platform';
import { createTestDatabase, type TestDatabase } from '../support/test-stack.js';

// Intakes, consent reads and send bookkeeping submitted together share one statement (group
// commit). These tests submit bursts in one tick, so the first four run alone and the rest share
// batches, repeats of an id included.

let database: TestDatabase;
let pool: PgPool;
let db: pg.Client;
let notifications: NotificationRepository;
const tenantId = randomUUID();

function intake(eventId: string, opts: { send?: boolean; hash?: string } = {}): NewIntake {
  const send = opts.send ?? true;
  const phone = '+393331234567';
  return {
    tenantId,
    eventId,
    eventType: 'message.sent',
    requestHash: opts.hash ?? `hash-${eventId}`,
    requestId: `req-${eventId}`,
    occurredAt: new Date('2026-11-21T10:00:00Z'),
    payload: { eventId },
    notification: {
      id: randomUUID(),
      decision: send ? 'SEND' : 'SKIP',
      reason: send ? null : 'NO_BINDING',
      templateName: send ? 'reserved_area_message_sent' : null,
      language: send ? 'it' : null,
      category: send ? 'UTILITY' : null,
      recipient: phone,
      parameters: send ? { body: ['Giulia'] } : null,
    },
    ledgerEntries: [
      { tenantId, subjectPhone: phone, type: 'event.received', occurredAt: new Date(), body: { eventId, n: 1 } },
      { tenantId, subjectPhone: phone, type: 'notification.decided', occurredAt: new Date(), body: { eventId, n: 2 } },
    ],
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const config = Object.assign(new DatabaseConfig(), { DATABASE_URL: database.url });
  pool = new PgPool(config);
  notifications = new NotificationRepository(pool);
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await pool?.end();
  await database?.drop();
});

describe('intake group commit', () => {
  it('records each event once with its rows, answering repeats inside one batch with the first record', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `gc-${i}`);
    // Every id three times, the repeats interleaved, plus skips (no outbox row) for a quarter.
    const submitted = [...ids, ...ids, ...ids].map((id) => intake(id, { send: Number(id.slice(3)) % 4 !== 0 }));
    const results = await Promise.all(submitted.map((i) => notifications.recordIntake(i)));

    const byId = new Map<string, { created: number; notificationIds: Set<string> }>();
    results.forEach((r, k) => {
      const id = submitted[k].eventId;
      const seen = byId.get(id) ?? { created: 0, notificationIds: new Set<string>() };
      if (r.created) {
        seen.created++;
        seen.notificationIds.add(submitted[k].notification.id);
      } else {
        expect(r.requestHash).toBe(`hash-${id}`);
        seen.notificationIds.add(r.answer.notificationId);
      }
      byId.set(id, seen);
    });
    for (const id of ids) {
      expect(byId.get(id)).toEqual({ created: 1, notificationIds: expect.any(Set) });
      expect(byId.get(id)!.notificationIds.size).toBe(1);
    }

    const { rows } = await db.query(
      `SELECT (SELECT COUNT(*) FROM events)::int AS events, (SELECT COUNT(*) FROM notifications)::int AS notifications,
              (SELECT COUNT(*) FROM ledger_entries)::int AS entries, (SELECT COUNT(*) FROM outbox)::int AS outbox,
              (SELECT COUNT(*) FROM events e JOIN notifications n ON n.id = e.notification_id)::int AS joined`,
    );
    expect(rows[0]).toEqual({ events: 40, notifications: 40, entries: 80, outbox: 30, joined: 40 });
  });

  it('writes each event entries in order, event.received before notification.decided', async () => {
    // Statements running at once draw ids from one sequence, so events interleave; within one
    // event the order holds.
    const { rows } = await db.query<{ event_id: string; received: string; decided: string }>(
      `SELECT body->>'eventId' AS event_id, MIN(id) FILTER (WHERE type = 'event.received')::text AS received,
              MIN(id) FILTER (WHERE type = 'notification.decided')::text AS decided
         FROM ledger_entries GROUP BY 1`,
    );
    expect(rows).toHaveLength(40);
    for (const r of rows) expect(BigInt(r.received)).toBeLessThan(BigInt(r.decided));
  });

  it('lets one bad intake fail alone, the others of its batch recorded', async () => {
    const burst = Array.from({ length: 12 }, (_, i) => intake(`gc-bad-${i}`));
    // A NUL byte is refused by PostgreSQL (validation keeps it out; here it stands for any row the
    // database refuses): its batch fails and is run again item by item.
    burst[7] = intake('gc-bad-\u0000');
    const settled = await Promise.allSettled(burst.map((i) => notifications.recordIntake(i)));
    expect(settled.map((s) => s.status)).toEqual(burst.map((_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
    const { rows } = await db.query(`SELECT COUNT(*)::int AS n FROM events WHERE event_id LIKE 'gc-bad-%'`);
    expect(rows[0].n).toBe(11);
  });

  it('answers consent views read together, each for its own recipient', async () => {
    const consents = new ConsentRepository(pool);
    const phones = Array.from({ length: 20 }, (_, i) => `+39333000${String(i).padStart(4, '0')}`);
    for (const [i, phone] of phones.entries()) {
      if (i % 2) continue;
      await db.query(
        `INSERT INTO consents (id, tenant_id, phone, category, action, source, evidence, occurred_at) VALUES ($1, $2, $3, 'marketing', $4, 'api', '{}', now())`,
        [randomUUID(), tenantId, phone, i % 4 === 0 ? 'opt_in' : 'opt_out'],
      );
    }
    const views = await Promise.all([...phones, ...phones].map((p) => consents.view(tenantId, p)));
    views.forEach((v, k) => {
      const i = k % phones.length;
      expect(v.marketing?.action ?? null).toBe(i % 2 ? null : i % 4 === 0 ? 'opt_in' : 'opt_out');
      expect(v.utility).toBeNull();
    });
  });
});

describe('send bookkeeping group commit', () => {
  const entry = (id: string) => ({
    tenantId,
    subjectPhone: '+393331234567',
    type: 'message.submitted' as const,
    occurredAt: new Date(),
    body: { notificationId: id },
  });

  async function queuedSends(n: number, prefix: string): Promise<string[]> {
    const burst = Array.from({ length: n }, (_, i) => intake(`${prefix}-${i}`));
    await Promise.all(burst.map((i) => notifications.recordIntake(i)));
    return burst.map((i) => i.notification.id);
  }

  it('loads, starts and finishes many sends at once, each with its own answer', async () => {
    const sends = new SendRepository(pool);
    const ids = await queuedSends(30, 'send');
    const loaded = await Promise.all([...ids, randomUUID()].map((id) => sends.loadSend(id)));
    expect(loaded.slice(0, 30).map((l) => l?.send.id)).toEqual(ids);
    expect(loaded.slice(0, 30).every((l) => l?.openAttempt === null && l.send.status === 'QUEUED')).toBe(true);
    expect(loaded[30]).toBeNull();

    // Erased meanwhile: that one must not start.
    await db.query(`UPDATE notifications SET status = 'ERASED' WHERE id = $1`, [ids[5]]);
    const started = await Promise.all(ids.map((id) => sends.startAttempt(id, 1)));
    expect(started).toEqual(ids.map((_, i) => i !== 5));
    expect((await sends.loadSend(ids[0]))!.openAttempt).toMatchObject({ attempt: 1 });

    await Promise.all(ids.filter((_, i) => i !== 5).map((id, i) => sends.recordSubmitted(id, 1, `wamid.gc-${i}`, entry(id))));
    const { rows } = await db.query(
      `SELECT (SELECT COUNT(*) FROM notifications WHERE id = ANY($1) AND status = 'SUBMITTED' AND wamid IS NOT NULL)::int AS submitted,
              (SELECT COUNT(*) FROM send_attempts WHERE notification_id = ANY($1) AND outcome = 'submitted')::int AS attempts,
              (SELECT COUNT(*) FROM ledger_entries WHERE type = 'message.submitted')::int AS entries,
              (SELECT COUNT(*) FROM outbox WHERE notification_id = ANY($1))::int AS outbox`,
      [ids],
    );
    expect(rows[0]).toEqual({ submitted: 29, attempts: 29, entries: 29, outbox: 1 });
  });

  it('refuses a second start of the same attempt alone, and records an outcome once however often it is repeated', async () => {
    const sends = new SendRepository(pool);
    const ids = await queuedSends(10, 'race');
    await sends.startAttempt(ids[3], 1);
    const settled = await Promise.allSettled(ids.map((id) => sends.startAttempt(id, 1)));
    expect(settled.map((s) => s.status)).toEqual(ids.map((_, i) => (i === 3 ? 'rejected' : 'fulfilled')));

    const before = Number((await db.query(`SELECT COUNT(*) FROM ledger_entries WHERE type = 'message.failed'`)).rows[0].count);
    const failure = { code: 131026, title: 'Message undeliverable' };
    await Promise.all([1, 2, 3].map(() => sends.recordFailed(ids[0], 1, failure, 131026, { ...entry(ids[0]), type: 'message.failed' as const })));
    const { rows } = await db.query(`SELECT COUNT(*)::int AS n FROM ledger_entries WHERE type = 'message.failed'`);
    expect(rows[0].n - before).toBe(1);
    const n = await db.query('SELECT status, last_error FROM notifications WHERE id = $1', [ids[0]]);
    expect(n.rows[0]).toEqual({ status: 'FAILED', last_error: failure });
  });
});
