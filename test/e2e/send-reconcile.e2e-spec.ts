import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { callbackDataFor } from '#sigillo/notifications';
import { CloudApiProvider } from '#sigillo/whatsapp';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';
import { entriesBreakingSchema } from '../support/entry-schemas.js';

// A send whose outcome a crash lost (an attempt left open) is sent again only when the statuses of
// the sends around it arrived and none echoes it; a late status of an attempt given up on puts
// the message it proves in the ledger story.

let stack: LedgerStack;
let db: pg.Client;
let provider: CloudApiProvider;
let n = 0;

function event() {
  return {
    id: `evt-${randomUUID()}`,
    type: 'message.sent',
    occurredAt: new Date().toISOString(),
    recipient: { userId: `u${n}`, phone: `+39333${String(4_000_000 + n++).padStart(7, '0')}`, language: 'it' },
    data: { firstName: 'Luca', messageSubject: 'Fattura' },
  };
}

async function post(body: ReturnType<typeof event>): Promise<string> {
  const res = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, body);
  expect(res.status).toBe(202);
  return res.body.notificationId as string;
}

async function stopWorkers(): Promise<void> {
  while (stack.workers.length > 0) await stack.workers.shift()!.close();
}

/** What a worker killed mid-call leaves: an attempt without outcome, started `agoMs` ago. */
async function openAttempt(notificationId: string, attempt: number, agoMs: number): Promise<void> {
  await db.query('INSERT INTO send_attempts (notification_id, attempt, started_at) VALUES ($1, $2, now() - make_interval(secs => $3::float8 / 1000))', [
    notificationId,
    attempt,
    agoMs,
  ]);
  await db.query("UPDATE notifications SET status = 'SENDING', attempts = $2 WHERE id = $1", [notificationId, attempt]);
}

/** The message Meta accepted for that attempt: its statuses echo the attempt. */
async function acceptedByProvider(e: ReturnType<typeof event>, notificationId: string, attempt: number): Promise<string> {
  const { rows } = await db.query('SELECT parameters FROM notifications WHERE id = $1', [notificationId]);
  const sent = await provider.sendTemplate({
    to: e.recipient.phone,
    template: { name: 'reserved_area_message_sent', language: 'it' },
    parameters: rows[0].parameters,
    bizOpaqueCallbackData: callbackDataFor(notificationId, attempt),
  });
  return sent.wamid;
}

async function entries(type: string, notificationId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = $1 AND body->>'notificationId' = $2 ORDER BY id", [type, notificationId]);
  return rows.map((r) => r.body);
}

const messagesTo = (e: ReturnType<typeof event>) => stack.simulator!.control.messages(e.recipient.phone.slice(1));

beforeAll(async () => {
  stack = await LedgerStack.start({ SEND_RECONCILE_WINDOW_MS: '1000' }, { simulator: { statusDelaysMs: [20, 40, 60] } });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  await stack.syncAndBind({ 'message.sent': DEMO_BINDINGS['message.sent'] });
  provider = new CloudApiProvider({
    baseUrl: stack.simulator!.url,
    graphVersion: 'v23.0',
    phoneNumberId: '100000000000001',
    wabaId: '200000000000001',
    accessToken: 'sim-token',
  });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('sends whose outcome was lost', () => {
  let neighbour: { e: ReturnType<typeof event>; id: string };

  it('waits past the window while the sends around it lack statuses too, and records the late status instead of resending', async () => {
    await stopWorkers();
    const e = event();
    const id = await post(e);
    await openAttempt(id, 1, 120_000);
    // A send made just after it, accepted, whose statuses are late as well.
    const other = event();
    const otherId = await post(other);
    await db.query(
      "INSERT INTO send_attempts (notification_id, attempt, started_at, finished_at, outcome, wamid) VALUES ($1, 1, now(), now(), 'submitted', 'wamid.LATE-NEIGHBOUR')",
      [otherId],
    );
    await db.query("UPDATE notifications SET status = 'SUBMITTED', attempts = 1, wamid = 'wamid.LATE-NEIGHBOUR' WHERE id = $1", [otherId]);
    neighbour = { e: other, id: otherId };

    await stack.startWorker();
    await new Promise((r) => setTimeout(r, 4000));
    expect(messagesTo(e)).toHaveLength(0);
    expect((await db.query('SELECT status FROM notifications WHERE id = $1', [id])).rows[0].status).toBe('SENDING');

    const wamid = await acceptedByProvider(e, id, 1);
    await waitFor(
      'the send reconciled from its late status',
      async () => (await db.query('SELECT status FROM notifications WHERE id = $1', [id])).rows[0].status === 'SUBMITTED',
      30_000,
    );
    expect(messagesTo(e)).toHaveLength(1);
    expect(await entries('message.submitted/v2', id)).toEqual([expect.objectContaining({ wamid, attempt: 1, reconciled: true })]);
  });

  it('resends once most sends around it got their statuses, then credits a late status of the attempt given up on', async () => {
    await stopWorkers();
    const e = event();
    const id = await post(e);
    await openAttempt(id, 1, 120_000);

    await stack.startWorker();
    await waitFor('sent again', async () => (await db.query('SELECT status FROM notifications WHERE id = $1', [id])).rows[0].status === 'SUBMITTED', 30_000);
    const [resent] = messagesTo(e);
    expect(messagesTo(e)).toHaveLength(1);
    const [submitted] = await entries('message.submitted/v2', id);
    expect(submitted).toMatchObject({ attempt: 2, wamid: resent.wamid, unresolvedAttempts: [1] });
    expect((await db.query('SELECT outcome FROM send_attempts WHERE notification_id = $1 AND attempt = 1', [id])).rows[0].outcome).toBe('unknown');

    // The first attempt had reached Meta after all: its statuses arrive late.
    const late = await acceptedByProvider(e, id, 1);
    await waitFor(
      'the late message credited to attempt 1',
      async () => (await db.query('SELECT outcome, wamid FROM send_attempts WHERE notification_id = $1 AND attempt = 1', [id])).rows[0].wamid === late,
      30_000,
    );
    expect((await db.query('SELECT outcome FROM send_attempts WHERE notification_id = $1 AND attempt = 1', [id])).rows[0].outcome).toBe('accepted-late');
    const stories = await entries('message.submitted/v2', id);
    expect(stories).toEqual([
      expect.objectContaining({ attempt: 2, wamid: resent.wamid }),
      expect.objectContaining({ attempt: 1, wamid: late, reconciled: true, late: true }),
    ]);
    await waitFor(
      'statuses of both messages recorded',
      async () => {
        const statuses = await entries('message.status', id);
        return statuses.some((s) => s.wamid === late && s.status === 'read') && statuses.some((s) => s.wamid === resent.wamid && s.status === 'read');
      },
      30_000,
    );
    // The notification still follows the message it was recorded with.
    expect((await db.query('SELECT wamid FROM notifications WHERE id = $1', [id])).rows[0].wamid).toBe(resent.wamid);
    expect(neighbour.id).toBeDefined();
  });

  // Issue 14: whatever the flows above logged matches its type's definition (docs/ledger-entries.md).
  it('logged only entries that match the schemas of their types', async () => {
    expect(await entriesBreakingSchema(db)).toEqual([]);
  });
});
