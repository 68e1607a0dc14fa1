import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { StatusRepository, type NewStatus } from '#sigillo/notifications';
import { hubSignature } from '#sigillo/webhooks';
import { CloudApiProvider } from '#sigillo/whatsapp';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { LedgerStack, SIMULATOR_APP_SECRET } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';
import { entriesBreakingSchema } from '../support/entry-schemas.js';

let stack: LedgerStack;
// A pool: the probes below query several notifications at once (one client would queue them, deprecated).
let db: pg.Pool;
let n = 0;

function event(type = 'message.sent') {
  return {
    id: `evt-${randomUUID()}`,
    type,
    occurredAt: new Date().toISOString(),
    recipient: { userId: `u${n}`, phone: `+39333${String(3_000_000 + n++).padStart(7, '0')}`, language: 'it' },
    data:
      type === 'message.sent'
        ? { firstName: 'Luca', messageSubject: 'Fattura' }
        : { activitySubject: 'Consegna', activityDate: '2026-12-01', oldStatus: 'Aperta', newStatus: 'Chiusa' },
  };
}

async function post(body: unknown) {
  const res = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, body);
  expect(res.status).toBe(202);
  return res;
}

async function notification(id: string) {
  return (await db.query('SELECT status, delivery_status, wamid FROM notifications WHERE id = $1', [id])).rows[0];
}

async function statusEntries(notificationId: string): Promise<{ status: string; statusObject: Record<string, unknown> }[]> {
  const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = 'message.status' AND body->>'notificationId' = $1 ORDER BY id", [
    notificationId,
  ]);
  return rows.map((r) => r.body);
}

async function rawWebhook(body: string, signature: string | null) {
  return fetch(`${stack.apiUrl}/v1/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
    body,
  });
}

beforeAll(async () => {
  stack = await LedgerStack.start({ SEND_RECONCILE_WINDOW_MS: '60000' }, { simulator: { statusDelaysMs: [20, 40, 60] } });
  db = new pg.Pool({ connectionString: stack.db.url, max: 5 });
  await stack.syncAndBind({ 'message.sent': DEMO_BINDINGS['message.sent'], 'activity.status_changed': DEMO_BINDINGS['activity.status_changed'] });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('Meta webhooks', () => {
  it('answers the verification challenge only for the right token', async () => {
    const ok = await fetch(`${stack.apiUrl}/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=12345`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('12345');
    // The body is the caller's hub.challenge: plain text that no browser may read as HTML.
    expect(ok.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    const markup = await fetch(
      `${stack.apiUrl}/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=${encodeURIComponent('<script>alert(1)</script>')}`,
    );
    expect(markup.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await markup.text()).toBe('<script>alert(1)</script>');
    expect((await fetch(`${stack.apiUrl}/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
  });

  it('refuses unsigned or wrongly signed payloads and stores nothing; 400 for signed non-JSON', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const count = async () => Number((await db.query('SELECT COUNT(*) FROM webhook_payloads')).rows[0].count);
    const before = await count();
    expect((await rawWebhook(body, null)).status).toBe(401);
    expect((await rawWebhook(body, hubSignature(Buffer.from(body), 'not-the-secret'))).status).toBe(401);
    expect((await rawWebhook(`${body} `, hubSignature(Buffer.from(body), SIMULATOR_APP_SECRET))).status).toBe(401);
    expect((await rawWebhook('{oops', hubSignature(Buffer.from('{oops'), SIMULATOR_APP_SECRET))).status).toBe(400);
    expect(await count()).toBe(before);
    expect((await rawWebhook(body, hubSignature(Buffer.from(body), SIMULATOR_APP_SECRET))).status).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it('records sent, delivered and read as ledger entries, each once, despite duplicated and reordered webhooks', async () => {
    stack.simulator!.control.setFailureModes({ duplicateWebhooks: true, outOfOrder: true });
    try {
      const { body } = await post(event());
      await waitFor('delivery read', async () => (await notification(body.notificationId))?.delivery_status === 'read');
      await stack.simulator!.control.idle();
      await new Promise((r) => setTimeout(r, 500));
      const entries = await statusEntries(body.notificationId);
      expect(entries.map((e) => e.status).sort()).toEqual(['delivered', 'read', 'sent']);
      expect((await notification(body.notificationId)).delivery_status).toBe('read');
    } finally {
      stack.simulator!.control.setFailureModes({ duplicateWebhooks: false, outOfOrder: false });
    }
  });

  it('keeps a failed status with Meta errors whole, and failed stays terminal', async () => {
    stack.simulator!.control.setFailureModes({ failureRate: 1 });
    try {
      const { body } = await post(event());
      await waitFor('the failed status', async () => (await notification(body.notificationId))?.delivery_status === 'failed');
      const failed = (await statusEntries(body.notificationId)).find((e) => e.status === 'failed')!;
      const errors = failed.statusObject.errors as { code: number; title: string; message: string; error_data: { details: string } }[];
      expect(errors[0]).toEqual(expect.objectContaining({ code: expect.any(Number), title: expect.any(String), message: expect.any(String) }));
      expect(errors[0].error_data.details).toEqual(expect.any(String));
    } finally {
      stack.simulator!.control.setFailureModes({ failureRate: 0 });
    }
  });

  it('attaches a status that arrives before its send was recorded', async () => {
    const wamid = `wamid.early${randomUUID().replace(/-/g, '')}`;
    const early = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '200000000000001',
          changes: [
            {
              field: 'messages',
              value: {
                metadata: { phone_number_id: '100000000000001' },
                statuses: [{ id: wamid, status: 'delivered', timestamp: `${Math.floor(Date.now() / 1000)}`, recipient_id: '393330000000' }],
              },
            },
          ],
        },
      ],
    });
    expect((await rawWebhook(early, hubSignature(Buffer.from(early), SIMULATOR_APP_SECRET))).status).toBe(200);
    await waitFor('the status stored', async () => (await db.query('SELECT 1 FROM message_statuses WHERE wamid = $1', [wamid])).rowCount === 1);
    // The send is recorded afterwards (a send whose database write lagged behind Meta's webhook).
    const { body } = await post({ ...event(), type: 'message.sent' });
    await waitFor('our own send', async () => (await notification(body.notificationId))?.status === 'SUBMITTED');
    await db.query('UPDATE notifications SET wamid = $1 WHERE id = $2', [wamid, body.notificationId]);
    await waitFor(
      'the early status attached by the sweep',
      async () => (await statusEntries(body.notificationId)).some((e) => e.status === 'delivered' && (e as unknown as { wamid: string }).wamid === wamid),
      15_000,
    );
  });

  it('records at once a repeat of a status stored before its send was known, and each status once', async () => {
    const statuses = stack.get(StatusRepository);
    const wamid = `wamid.repeat${randomUUID().replace(/-/g, '')}`;
    const status = (name: string): NewStatus => ({
      wamid,
      status: name,
      tenantId: stack.tenant!.id,
      callbackData: null,
      occurredAt: new Date(),
      raw: { id: wamid, status: name },
    });
    await statuses.record([status('delivered')]);
    const stored = await db.query('SELECT recorded_at FROM message_statuses WHERE wamid = $1', [wamid]);
    expect(stored.rows).toEqual([{ recorded_at: null }]); // no message has this wamid yet
    const { body } = await post({ ...event(), type: 'message.sent' });
    await waitFor('our own send', async () => (await notification(body.notificationId))?.status === 'SUBMITTED');
    await db.query('UPDATE notifications SET wamid = $1 WHERE id = $2', [wamid, body.notificationId]);
    // Meta repeats it, with a status after it, within the second before the sweep would look.
    await statuses.record([status('read'), status('delivered'), status('read')]);
    const recorded = (await statusEntries(body.notificationId)).filter((e) => (e as unknown as { wamid: string }).wamid === wamid);
    expect(recorded.map((e) => e.status).sort()).toEqual(['delivered', 'read']);
    await statuses.record([status('delivered'), status('sent')]);
    const again = (await statusEntries(body.notificationId)).filter((e) => (e as unknown as { wamid: string }).wamid === wamid);
    expect(again.map((e) => e.status).sort()).toEqual(['delivered', 'read', 'sent']);
  });

  it('takes a large batch of entries and changes in one signed payload', async () => {
    stack.simulator!.control.setFailureModes({ statusDelaysMs: [60_000, 60_000, 60_000] }); // our own statuses only
    try {
      const sent = await Promise.all([1, 2, 3, 4, 5].map(async () => (await post(event())).body.notificationId as string));
      const wamids = await waitFor('the five sends', async () => {
        const rows = await Promise.all(sent.map(notification));
        return rows.every((r) => r?.wamid) ? rows.map((r) => r.wamid as string) : null;
      });
      const ts = `${Math.floor(Date.now() / 1000)}`;
      const entry = (statuses: unknown[]) => ({
        id: '200000000000001',
        changes: [{ field: 'messages', value: { metadata: { phone_number_id: '100000000000001' }, statuses } }],
      });
      const unknown = Array.from({ length: 1000 }, (_, i) => ({ id: `wamid.unknown${i}`, status: 'delivered', timestamp: ts, recipient_id: '393330000001' }));
      const payload = JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [...wamids.map((w) => entry([{ id: w, status: 'delivered', timestamp: ts, recipient_id: '393330000001' }])), entry(unknown)],
      });
      expect(payload.length).toBeGreaterThan(64 * 1024); // bigger than any Passweb call may be
      expect((await rawWebhook(payload, hubSignature(Buffer.from(payload), SIMULATOR_APP_SECRET))).status).toBe(200);
      await waitFor('the five deliveries', async () => (await Promise.all(sent.map(notification))).every((r) => r.delivery_status === 'delivered'));
    } finally {
      stack.simulator!.control.setFailureModes({ statusDelaysMs: [20, 40, 60] });
    }
  });

  it('reconciles a send whose outcome a crash lost: recorded from the status webhook, never sent twice', async () => {
    // Stop the sending: the outbox row stays until a worker takes it.
    await stack.workers[0].close();
    stack.workers.shift();
    const e = event();
    const { body } = await post(e);
    // What a worker killed after the provider's answer leaves behind: an attempt without outcome…
    await db.query('INSERT INTO send_attempts (notification_id, attempt, started_at) VALUES ($1, 1, now())', [body.notificationId]);
    await db.query("UPDATE notifications SET status = 'SENDING', attempts = 1 WHERE id = $1", [body.notificationId]);
    // …and a message the provider did accept, with our id in biz_opaque_callback_data.
    const provider = new CloudApiProvider({
      baseUrl: stack.simulator!.url,
      graphVersion: 'v23.0',
      phoneNumberId: '100000000000001',
      wabaId: '200000000000001',
      accessToken: 'sim-token',
    });
    const { rows } = await db.query('SELECT parameters FROM notifications WHERE id = $1', [body.notificationId]);
    const sent = await provider.sendTemplate({
      to: e.recipient.phone,
      template: { name: 'reserved_area_message_sent', language: 'it' },
      parameters: rows[0].parameters,
      bizOpaqueCallbackData: body.notificationId,
    });
    // Its status webhooks are stored by the api; the worker, once back, reads them.
    await waitFor(
      'its status webhook stored',
      async () => (await db.query("SELECT 1 FROM webhook_payloads WHERE position(convert_to($1, 'UTF8') in body) > 0", [body.notificationId])).rowCount! > 0,
    );

    await stack.startWorker();
    await waitFor('the send reconciled', async () => (await notification(body.notificationId))?.status === 'SUBMITTED', 30_000);
    expect((await notification(body.notificationId)).wamid).toBe(sent.wamid);
    expect(stack.simulator!.control.messages(e.recipient.phone.slice(1))).toHaveLength(1);
    const { rows: submitted } = await db.query("SELECT body FROM ledger_entries WHERE type = 'message.submitted/v2' AND body->>'notificationId' = $1", [
      body.notificationId,
    ]);
    expect(submitted).toHaveLength(1);
    expect(submitted[0].body).toMatchObject({ wamid: sent.wamid, reconciled: true });
  });

  it('refuses events bound to a template Meta paused, until it is approved again', async () => {
    await stack.simulator!.control.setTemplateStatus('agenda_activity_status', 'it', 'PAUSED');
    await waitFor(
      'the pause applied',
      async () => {
        const res = await post(event('activity.status_changed'));
        return res.body.reason === 'TEMPLATE_NOT_APPROVED';
      },
      15_000,
      300,
    );
    const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type LIKE 'template.status_changed%' ORDER BY id DESC LIMIT 1");
    expect(rows[0].body).toMatchObject({ name: 'agenda_activity_status', language: 'it', event: 'PAUSED', status: 'PAUSED' });
    await stack.simulator!.control.setTemplateStatus('agenda_activity_status', 'it', 'APPROVED');
    await waitFor('approved again', async () => (await post(event('activity.status_changed'))).body.decision === 'SEND', 15_000, 300);
  });

  // Issue 14: whatever the flows above logged matches its type's definition (docs/ledger-entries.md).
  it('logged only entries that match the schemas of their types', async () => {
    expect(await entriesBreakingSchema(db)).toEqual([]);
  });
});
