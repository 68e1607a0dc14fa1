import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DEMO_BINDINGS, DEMO_PROMOTION_BINDING } from '../../scripts/dev/demo-bindings.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';
import { entriesBreakingSchema } from '../support/entry-schemas.js';

let stack: LedgerStack;
let db: pg.Client;
let n = 0;

const phone = () => `+39333${String(4_000_000 + n++).padStart(7, '0')}`;

function cart(to: string) {
  return {
    id: `evt-${randomUUID()}`,
    type: 'cart.abandoned',
    occurredAt: new Date().toISOString(),
    recipient: { userId: 'u-cart', phone: to, language: 'it' },
    data: { firstName: 'Sara', lastName: 'Neri', cartTotal: '20.00', cartItemCount: 1, siteUrl: 'https://shop.example/carrello/x1' },
  };
}

function message(to: string) {
  return {
    id: `evt-${randomUUID()}`,
    type: 'message.sent',
    occurredAt: new Date().toISOString(),
    recipient: { userId: 'u-msg', phone: to, language: 'it' },
    data: { firstName: 'Sara', messageSubject: 'Ordine' },
  };
}

async function post(body: unknown) {
  const res = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, body);
  expect(res.status).toBe(202);
  return res.body as { decision: string; reason?: string; notificationId: string };
}

async function optIn(to: string) {
  const res = await stack.call('POST', '/v1/consents', stack.tenantKeys!.passweb, {
    id: `c-${randomUUID()}`,
    phone: to,
    category: 'marketing',
    action: 'opt_in',
    source: 'checkout',
    evidence: { form: 'checkout-v3', textVersion: '2026-10' },
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
  });
  expect(res.status).toBe(201);
}

beforeAll(async () => {
  stack = await LedgerStack.start({}, { simulator: { statusDelaysMs: [20, 40, 60] } });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  await stack.syncAndBind({ 'cart.abandoned': DEMO_PROMOTION_BINDING, 'message.sent': DEMO_BINDINGS['message.sent'] });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('consent from WhatsApp itself', () => {
  it('"STOP" from the user refuses the next MARKETING template with OPTED_OUT while a utility one still goes', async () => {
    const to = phone();
    await optIn(to);
    expect((await post(cart(to))).decision).toBe('SEND');
    await stack.simulator!.control.inbound({ from: to.slice(1), text: ' Stop! ' });
    await waitFor(
      'the opt-out recorded',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out' AND source = 'whatsapp-keyword'", [to])).rowCount === 1,
    );
    const refused = await post(cart(to));
    expect(refused).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
    expect((await post(message(to))).decision).toBe('SEND');

    const { rows } = await db.query(
      "SELECT body FROM ledger_entries WHERE type = 'consent.changed/v2' AND body->>'phone' = $1 AND body->>'action' = 'opt_out'",
      [to],
    );
    expect(rows[0].body).toMatchObject({ category: 'marketing', source: 'whatsapp-keyword', evidence: { keyword: 'STOP' } });
    const decided = await db.query("SELECT body FROM ledger_entries WHERE type = 'notification.decided' AND body->>'notificationId' = $1", [
      refused.notificationId,
    ]);
    expect(decided.rows[0].body.consent).toMatchObject({ action: 'opt_out' });
  });

  it('a message that merely mentions stop is not an opt-out, but it opens the customer-service window', async () => {
    const to = phone();
    await stack.simulator!.control.inbound({ from: to.slice(1), text: 'posso fermare (stop) la consegna?' });
    await waitFor('the window open', async () => (await db.query('SELECT 1 FROM customer_windows WHERE phone = $1', [to])).rowCount === 1);
    expect((await db.query('SELECT 1 FROM consents WHERE phone = $1', [to])).rowCount).toBe(0);
    const { rows } = await db.query('SELECT text, text_hash FROM inbound_messages WHERE phone = $1', [to]);
    expect(rows[0].text).toBeNull(); // only a salted hash unless the tenant keeps texts
    expect(rows[0].text_hash).toHaveLength(32);
  });

  it('Meta user_preferences "stop" opts the user out of marketing', async () => {
    const to = phone();
    await optIn(to);
    await stack.simulator!.control.setUserPreference(to.slice(1), 'stop');
    await waitFor(
      'the opt-out',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND source = 'meta-user-preferences' AND action = 'opt_out'", [to])).rowCount === 1,
    );
    expect(await post(cart(to))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
  });

  it('shows a contact: window, consent per category with its seq, messages and their statuses', async () => {
    const to = phone();
    await optIn(to);
    await stack.simulator!.control.inbound({ from: to.slice(1), text: 'ciao' });
    const { notificationId } = await post(message(to));
    await waitFor(
      'read',
      async () => (await db.query("SELECT 1 FROM notifications WHERE id = $1 AND delivery_status = 'read'", [notificationId])).rowCount === 1,
    );
    await waitFor('the consent sequenced', async () => {
      const res = await stack.call('GET', `/v1/contacts/${encodeURIComponent(to)}`, stack.tenantKeys!.auditor);
      return res.body.consent?.marketing?.seq !== null && res.body.consent?.marketing?.seq !== undefined;
    });
    const res = await stack.call('GET', `/v1/contacts/${encodeURIComponent(to)}`, stack.tenantKeys!.admin);
    expect(res.status).toBe(200);
    expect(res.body.window.open).toBe(true);
    expect(res.body.consent.marketing).toMatchObject({ action: 'opt_in', seq: expect.any(Number) });
    expect(res.body.messages[0]).toMatchObject({ notificationId, template: 'reserved_area_message_sent', deliveryStatus: 'read' });
    expect(res.body.messages[0].statuses.map((s: { status: string }) => s.status)).toEqual(['sent', 'delivered', 'read']);
    expect((await stack.call('GET', `/v1/contacts/${encodeURIComponent(to)}`, stack.tenantKeys!.passweb)).status).toBe(403);
    // A utility template inside the window is known to be free.
    const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = 'message.submitted/v2' AND body->>'notificationId' = $1", [notificationId]);
    expect(rows[0].body.pricing).toEqual({ windowOpen: true, expected: 'free' });
    expect((await stack.call('GET', '/v1/contacts/not-a-phone', stack.tenantKeys!.admin)).status).toBe(400);
  });

  // Issue 14: whatever the flows above logged matches its type's definition (docs/ledger-entries.md).
  it('logged only entries that match the schemas of their types', async () => {
    expect(await entriesBreakingSchema(db)).toEqual([]);
  });
});
