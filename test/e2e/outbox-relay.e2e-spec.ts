import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SEND_QUEUE } from '#sigillo/notifications';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { PASSWEB_EVENT_DATA } from '../support/passweb-event-data.js';
import { waitFor } from '../support/wait-for.js';

// A backlog stays in the outbox: the relay tops the send queue up to its high-water mark and no
// further, so queued sends never sit long enough to be handed over a second time.

const HIGH_WATER = 3;
let stack: LedgerStack;
let db: pg.Client;

beforeAll(async () => {
  stack = await LedgerStack.start({ OUTBOX_QUEUE_HIGH_WATER: String(HIGH_WATER), SEND_CONCURRENCY: '1', OUTBOX_POLL_MS: '20' }, { simulator: {} });
  // Sends slow enough that the queue, left to itself, would fill with the whole backlog.
  stack.simulator!.control.setFailureModes({ sendLatencyMs: 60 });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  await stack.syncAndBind({ 'message.sent': DEMO_BINDINGS['message.sent'] });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

it('keeps at most the high-water mark of sends waiting in the queue while a backlog drains', async () => {
  // The worker is stopped while the backlog is written, so the whole of it is owed at once.
  await stack.workers[0].close();
  stack.workers.shift();
  const total = 24;
  for (let n = 0; n < total; n++) {
    const res = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, {
      id: `evt-${randomUUID()}`,
      type: 'message.sent',
      occurredAt: new Date().toISOString(),
      recipient: { userId: `u${n}`, phone: `+39333${String(3_000_000 + n).padStart(7, '0')}`, language: 'it' },
      data: PASSWEB_EVENT_DATA['message.sent'],
    });
    expect(res).toMatchObject({ status: 202, body: { decision: 'SEND' } });
  }
  await stack.startWorker();
  const sendQueue = stack.get<Queue>(getQueueToken(SEND_QUEUE) as never);
  let mostWaiting = 0;
  let mostHandedOver = 0;
  await waitFor(
    'the backlog sent',
    async () => {
      mostWaiting = Math.max(mostWaiting, await sendQueue.getWaitingCount());
      const { rows } = await db.query('SELECT COUNT(*) FILTER (WHERE dispatched_at IS NOT NULL)::int AS handed, COUNT(*)::int AS owed FROM outbox');
      mostHandedOver = Math.max(mostHandedOver, rows[0].handed);
      return rows[0].owed === 0;
    },
    30_000,
    5,
  );
  expect(mostWaiting).toBeLessThanOrEqual(HIGH_WATER);
  expect(mostWaiting).toBeGreaterThan(0);
  // Waiting ones plus the one being sent (concurrency 1) and one finishing its bookkeeping.
  expect(mostHandedOver).toBeLessThanOrEqual(HIGH_WATER + 2);
  expect(stack.simulator!.control.messages()).toHaveLength(total);
  const { rows } = await db.query("SELECT COUNT(*)::int AS n FROM notifications WHERE status = 'SUBMITTED'");
  expect(rows[0].n).toBe(total);
});
