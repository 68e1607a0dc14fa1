import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DEMO_BINDINGS, DEMO_PROMOTION_BINDING } from '../../scripts/dev/demo-bindings.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { PASSWEB_EVENT_DATA } from '../support/passweb-event-data.js';
import { waitFor } from '../support/wait-for.js';
import { entriesBreakingSchema } from '../support/entry-schemas.js';

let stack: LedgerStack;
let db: pg.Client;
let phoneCounter = 0;

/** A fresh Italian mobile number per event: Meta's 6 s pair limit would otherwise space the sends. */
function nextPhone(): string {
  return `+39333${String(2_000_000 + phoneCounter++).padStart(7, '0')}`;
}

const BINDINGS = DEMO_BINDINGS;

const DATA = PASSWEB_EVENT_DATA;

/** What the simulator must have received for each event type: template and body parameters. */
const EXPECTED: Record<string, { template: string; body: string[] }> = {
  'order.status_changed': { template: 'order_status_update', body: ['Giulia', 'ORD-1042', 'Spedito', '129.90'] },
  'cart.abandoned': { template: 'abandoned_cart_reminder', body: ['Giulia', '2', '59.00'] },
  'message.sent': { template: 'reserved_area_message_sent', body: ['Giulia', 'Preventivo'] },
  'message.read': { template: 'reserved_area_message_read', body: ['Giulia Rossi', 'Preventivo'] },
  'activity.status_changed': { template: 'agenda_activity_status', body: ['Sopralluogo', '2026-12-01', 'Aperta', 'Chiusa'] },
  'activity.acknowledged': { template: 'agenda_activity_reminder', body: ['Consegna', '2026-12-02'] },
  'activity.reminder': { template: 'agenda_activity_reminder', body: ['Richiamare cliente', '2026-12-03'] },
  'file.uploaded': { template: 'file_uploaded', body: ['Giulia', 'Giulia Rossi', 'contratto.pdf', 'Contratti'] },
  'file.downloaded': { template: 'file_downloaded', body: ['Giulia', 'contratto.pdf', 'Contratti', 'Rossi', 'Giulia Rossi'] },
  'file.previewed': { template: 'file_downloaded', body: ['Giulia', 'listino.pdf', 'Listini', 'Rossi', 'Giulia Rossi'] },
};

function event(type: string, overrides: Record<string, unknown> = {}) {
  return {
    id: `evt-${randomUUID()}`,
    type,
    occurredAt: new Date().toISOString(),
    recipient: { userId: `u-${phoneCounter}`, phone: nextPhone(), name: 'Giulia Rossi', language: 'it', groups: ['clienti'] },
    data: DATA[type],
    ...overrides,
  };
}

const post = (body: unknown, key = stack.tenantKeys!.passweb, headers: Record<string, string> = {}) => stack.call('POST', '/v1/events', key, body, headers);

function bodyParams(message: { components: unknown[] }): string[] {
  const body = (message.components as { type: string; parameters?: { text?: string }[] }[]).find((c) => c.type === 'body');
  return (body?.parameters ?? []).map((p) => p.text ?? '');
}

async function messagesTo(phone: string) {
  return stack.simulator!.control.messages(phone.replace('+', ''));
}

async function notification(id: string) {
  const { rows } = await db.query('SELECT status, attempts, last_error, wamid FROM notifications WHERE id = $1', [id]);
  return rows[0];
}

async function counts(): Promise<Record<string, number>> {
  const { rows } = await db.query(
    `SELECT (SELECT COUNT(*) FROM events)::int AS events, (SELECT COUNT(*) FROM notifications)::int AS notifications,
            (SELECT COUNT(*) FROM ledger_entries)::int AS entries, (SELECT COUNT(*) FROM outbox)::int AS outbox`,
  );
  return rows[0];
}

beforeAll(async () => {
  stack = await LedgerStack.start({ RECIPIENT_MIN_INTERVAL_MS: '6000', SEND_BACKOFF_BASE_MS: '200', SEND_MAX_ATTEMPTS: '6' }, { simulator: {} });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  const admin = stack.tenantKeys!.admin;
  const synced = await stack.call('POST', '/v1/templates/sync', admin);
  expect(synced).toMatchObject({ status: 200 });
  for (const [type, binding] of Object.entries(BINDINGS)) {
    const res = await stack.call('PUT', `/v1/bindings/${type}`, admin, binding);
    expect({ type, ...res }).toMatchObject({ type, status: 200 });
  }
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('Passweb events to WhatsApp', () => {
  it('lists the synced catalog and the bindings', async () => {
    const templates = await stack.call('GET', '/v1/templates', stack.tenantKeys!.passweb);
    expect(templates.status).toBe(200);
    expect(templates.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'order_status_update', language: 'it', category: 'UTILITY', status: 'APPROVED' })]),
    );
    const bindings = await stack.call('GET', '/v1/bindings', stack.tenantKeys!.admin);
    expect(bindings.body).toHaveLength(10);
  });

  it('sends the bound template with the right parameters for each of the ten event types', async () => {
    const sent = await Promise.all(
      Object.keys(EXPECTED).map(async (type) => {
        const body = event(type);
        const res = await post(body);
        expect({ type, status: res.status, decision: res.body.decision }).toEqual({ type, status: 202, decision: 'SEND' });
        return { type, phone: body.recipient.phone, notificationId: res.body.notificationId as string };
      }),
    );
    for (const { type, phone, notificationId } of sent) {
      const [message] = await waitFor(`the ${type} message`, async () => {
        const list = await messagesTo(phone);
        return list.length > 0 ? list : null;
      });
      expect({ type, template: message.template.name, language: message.template.language, body: bodyParams(message) }).toEqual({
        type,
        template: EXPECTED[type].template,
        language: 'it',
        body: EXPECTED[type].body,
      });
      expect(message.bizOpaqueCallbackData).toBe(`${notificationId}:1`);
      await waitFor(`${type} recorded as submitted`, async () => (await notification(notificationId)).status === 'SUBMITTED');
    }
    // The order's header and URL button carry the document code; the cart's URL button only the suffix.
    const order = (await messagesTo(sent[0].phone))[0].components as { type: string; sub_type?: string; parameters: { text?: string }[] }[];
    expect(order.find((c) => c.type === 'header')?.parameters[0].text).toBe('ORD-1042');
    expect(order.find((c) => c.type === 'button')?.parameters[0].text).toBe('ORD-1042');
  });

  it('picks the template of the recipient language, else the tenant default', async () => {
    const en = event('order.status_changed');
    en.recipient.language = 'en_GB';
    const fr = event('order.status_changed');
    fr.recipient.language = 'fr';
    expect((await post(en)).status).toBe(202);
    expect((await post(fr)).status).toBe(202);
    const [toEn] = await waitFor('the English message', async () => ((await messagesTo(en.recipient.phone)).length ? messagesTo(en.recipient.phone) : null));
    const [toFr] = await waitFor('the default-language message', async () =>
      (await messagesTo(fr.recipient.phone)).length ? messagesTo(fr.recipient.phone) : null,
    );
    expect(toEn.template.language).toBe('en');
    expect(toFr.template.language).toBe('it');
  });

  it('refuses a MARKETING template without consent and records why, then sends once consent is recorded', async () => {
    const promo = DEMO_PROMOTION_BINDING;
    const bound = await stack.call('PUT', '/v1/bindings/cart.abandoned', stack.tenantKeys!.admin, promo);
    expect(bound.status === 200 ? null : bound.body.message).toBeNull();
    try {
      const first = event('cart.abandoned');
      const refused = await post(first);
      expect(refused).toMatchObject({ status: 202, body: { decision: 'SKIP', reason: 'NO_MARKETING_CONSENT' } });
      const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = 'notification.decided' AND body->>'notificationId' = $1", [
        refused.body.notificationId,
      ]);
      expect(rows[0].body).toMatchObject({ decision: 'SKIP', reason: 'NO_MARKETING_CONSENT', template: { name: 'seasonal_promotion', category: 'MARKETING' } });
      expect((await counts()).outbox).toBe(0);

      const consentId = randomUUID();
      await db.query(
        `INSERT INTO consents (id, tenant_id, phone, category, action, source, occurred_at) VALUES ($1, $2, $3, 'marketing', 'opt_in', 'test', now())`,
        [consentId, stack.tenant!.id, first.recipient.phone],
      );
      const again = event('cart.abandoned', { recipient: first.recipient });
      const accepted = await post(again);
      expect(accepted).toMatchObject({ status: 202, body: { decision: 'SEND' } });
      const { rows: decided } = await db.query("SELECT body FROM ledger_entries WHERE type = 'notification.decided' AND body->>'notificationId' = $1", [
        accepted.body.notificationId,
      ]);
      expect(decided[0].body.consent).toMatchObject({ consentId, action: 'opt_in' });
      await waitFor('the promotion', async () => (await messagesTo(first.recipient.phone)).length === 1);
    } finally {
      await stack.call('PUT', '/v1/bindings/cart.abandoned', stack.tenantKeys!.admin, BINDINGS['cart.abandoned']);
    }
  });

  it('never notifies an abandoned cart created by an agent, nor a recipient who opted out in Passweb', async () => {
    expect((await post(event('cart.abandoned', { createdByAgent: true }))).body).toMatchObject({ decision: 'SKIP', reason: 'AGENT_CART' });
    const optedOut = event('message.sent');
    (optedOut.recipient as Record<string, unknown>).whatsappOptOut = true;
    expect((await post(optedOut)).body).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
  });

  it('sends exactly one message for an event id posted five times, also concurrently, with the first answer each time', async () => {
    const body = event('message.sent');
    const answers = [await post(body), ...(await Promise.all([1, 2, 3, 4].map(() => post(body))))];
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([202]));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const concurrent = event('message.read');
    const racing = await Promise.all([1, 2, 3, 4, 5].map(() => post(concurrent)));
    expect(new Set(racing.map((a) => a.body.notificationId)).size).toBe(1);
    await waitFor(
      'both messages',
      async () => (await messagesTo(body.recipient.phone)).length === 1 && (await messagesTo(concurrent.recipient.phone)).length === 1,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await messagesTo(body.recipient.phone)).toHaveLength(1);
    expect(await messagesTo(concurrent.recipient.phone)).toHaveLength(1);

    const conflict = await post({ ...body, data: { ...body.data, messageSubject: 'Altro' } });
    expect(conflict.status).toBe(409);
  });

  it('retries through simulator throttling until the message is sent', async () => {
    stack.simulator!.control.setFailureModes({ transientErrorRate: 1 });
    const body = event('activity.reminder');
    const { body: answer } = await post(body);
    await waitFor('a failed first try', async () => (await notification(answer.notificationId)).attempts >= 2);
    stack.simulator!.control.setFailureModes({ transientErrorRate: 0 });
    await waitFor('the message after the retries', async () => (await notification(answer.notificationId)).status === 'SUBMITTED', 30_000);
    expect(await messagesTo(body.recipient.phone)).toHaveLength(1);
    const { rows } = await db.query('SELECT outcome FROM send_attempts WHERE notification_id = $1 ORDER BY attempt', [answer.notificationId]);
    expect(rows.map((r) => r.outcome).slice(-1)).toEqual(['submitted']);
    expect(rows.filter((r) => r.outcome === 'retry').length).toBeGreaterThanOrEqual(1);
  });

  it('records a permanent error as FAILED with Meta code, without retrying', async () => {
    stack.simulator!.control.setFailureModes({ permanentErrorCode: 132012, permanentErrorCount: 1 });
    const { body: answer } = await post(event('activity.reminder'));
    const failed = await waitFor('the failure', async () => {
      const n = await notification(answer.notificationId);
      return n.status === 'FAILED' ? n : null;
    });
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatchObject({ code: 132012, kind: 'permanent' });
    const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type IN ('message.failed', 'message.failed/v2') AND body->>'notificationId' = $1", [
      answer.notificationId,
    ]);
    expect(rows[0].body.error).toMatchObject({ code: 132012 });
    expect(rows[0].body.error.title).toEqual(expect.any(String));
  });

  it('refuses templates that are no longer approved', async () => {
    await stack.simulator!.control.setTemplateStatus('agenda_activity_status', 'it', 'PAUSED');
    await stack.call('POST', '/v1/templates/sync', stack.tenantKeys!.admin);
    await new Promise((r) => setTimeout(r, 1100)); // the catalog cache
    try {
      expect((await post(event('activity.status_changed'))).body).toMatchObject({ decision: 'SKIP', reason: 'TEMPLATE_NOT_APPROVED' });
    } finally {
      await stack.simulator!.control.setTemplateStatus('agenda_activity_status', 'it', 'APPROVED');
      await stack.call('POST', '/v1/templates/sync', stack.tenantKeys!.admin);
    }
  });

  it('answers bad input with a 4xx naming the problem and writes nothing', async () => {
    const before = await counts();
    const missing = await post({ id: 'x1', type: 'order.status_changed', recipient: { userId: 'u', phone: 'not-a-phone' }, data: { orderTotal: [] } });
    expect(missing.status).toBe(400);
    const fields = (missing.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['occurredAt', 'recipient.phone', 'data.orderTotal']));
    expect(JSON.stringify(missing.body)).not.toContain('not-a-phone');

    const unknown = await post({ ...event('order.status_changed'), type: 'order.teleported' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.validTypes).toHaveLength(10);

    expect((await post('{"id": "broken"', undefined, { 'content-type': 'application/json' })).status).toBe(400);
    expect((await post(JSON.stringify(event('message.sent')), undefined, { 'content-type': 'text/plain' })).status).toBe(415);
    const huge = event('message.sent', { data: { ...DATA['message.sent'], messageText: 'x'.repeat(70 * 1024) } });
    expect((await post(huge)).status).toBe(413);
    expect((await post(event('message.sent'), stack.tenantKeys!.auditor)).status).toBe(403);
    expect((await stack.call('POST', '/v1/events', null, event('message.sent'))).status).toBe(401);

    const binding = await stack.call('PUT', '/v1/bindings/order.status_changed', stack.tenantKeys!.admin, {
      templates: [{ name: 'order_status_update', language: 'it' }],
      variables: { 'body.1': 'firstName', 'body.2': 'cartTotal' },
    });
    expect(binding.status).toBe(422);
    expect(binding.body.message.join('\n')).toMatch(/body\.3 of order_status_update\/it is not mapped/);
    expect(binding.body.message.join('\n')).toMatch(/cartTotal is not available for order.status_changed/);

    expect(await counts()).toEqual(before);
  });

  // Issue 14: whatever the flows above logged matches its type's definition (docs/ledger-entries.md).
  it('logged only entries that match the schemas of their types', async () => {
    expect(await entriesBreakingSchema(db)).toEqual([]);
  });
});
