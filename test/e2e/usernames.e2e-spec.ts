import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DEMO_BINDINGS, DEMO_PROMOTION_BINDING } from '../../scripts/dev/demo-bindings.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';
import { entriesBreakingSchema } from '../support/entry-schemas.js';
import { subjectRef } from '#sigillo/ledger';

// Issue 15 items 1 and 5: users Meta names by a business-scoped user id (BSUID) and no number, and
// a wa_id Meta resolves differently from the number dialled; consent follows the person.
let stack: LedgerStack;
let db: pg.Client;
let n = 0;

const phone = () => `+39333${String(5_000_000 + n++).padStart(7, '0')}`;
const bsuid = () => `IT.${Date.now()}${n++}`;

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

const linked = async (ids: string[]) =>
  (await db.query('SELECT count(DISTINCT person_id)::int AS persons, count(*)::int AS ids FROM contact_identifiers WHERE identifier = ANY($1)', [ids]))
    .rows[0] as {
    persons: number;
    ids: number;
  };

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

describe('usernames: business-scoped user ids', () => {
  it('a STOP from a user Meta names only by BSUID is recorded, and refuses marketing to the number linked to it earlier', async () => {
    const to = phone();
    const userId = bsuid();
    await optIn(to);
    // Meta names number and BSUID together (contacts[].wa_id and user_id): they are linked.
    await stack.simulator!.control.inbound({ from: to.slice(1), userId, text: 'ciao' });
    await waitFor('number and BSUID linked', async () => {
      const l = await linked([to, userId]);
      return l.ids === 2 && l.persons === 1;
    });
    expect((await post(cart(to))).decision).toBe('SEND');

    // The user adopts a username: no number in the webhook, only the BSUID. It used to be dropped.
    await stack.simulator!.control.inbound({ from: to.slice(1), userId, hidePhone: true, text: 'STOP' });
    await waitFor(
      'the opt-out recorded against the BSUID',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out' AND source = 'whatsapp-keyword'", [userId])).rowCount === 1,
    );
    expect((await db.query('SELECT 1 FROM inbound_messages WHERE phone = $1', [userId])).rowCount).toBe(1);
    expect(await post(cart(to))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
  });

  it('a user_preferences stop naming only the BSUID refuses marketing to the number linked to it', async () => {
    const to = phone();
    const userId = bsuid();
    await optIn(to);
    await stack.simulator!.control.setUserPreference(to.slice(1), 'resume', undefined, { userId });
    await waitFor('linked', async () => (await linked([to, userId])).ids === 2);
    expect((await post(cart(to))).decision).toBe('SEND');
    await stack.simulator!.control.setUserPreference(to.slice(1), 'stop', undefined, { userId, hidePhone: true });
    await waitFor(
      'the opt-out of the BSUID',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [userId])).rowCount === 1,
    );
    expect(await post(cart(to))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
  });

  it('an inbound message from the BSUID opens the window of the number linked to it', async () => {
    const to = phone();
    const userId = bsuid();
    await stack.simulator!.control.inbound({ from: to.slice(1), userId, type: 'reaction', replyTo: 'wamid.X' });
    await waitFor('linked', async () => (await linked([to, userId])).persons === 1 && (await linked([to, userId])).ids === 2);
    await db.query('DELETE FROM customer_windows WHERE phone = $1', [to]);
    await stack.simulator!.control.inbound({ from: to.slice(1), userId, hidePhone: true, text: 'una domanda' });
    await waitFor('the window of the BSUID', async () => (await db.query('SELECT 1 FROM customer_windows WHERE phone = $1', [userId])).rowCount === 1);
    const res = await stack.call('GET', `/v1/contacts/${encodeURIComponent(to)}`, stack.tenantKeys!.admin);
    expect(res.body.window.open).toBe(true);
  });
});

describe('sending to a user known only by BSUID', () => {
  it("goes by the Messages API's recipient field, and the BSUID's own STOP refuses marketing to it", async () => {
    const userId = bsuid();
    const sent = await post(message(userId));
    expect(sent.decision).toBe('SEND');
    await waitFor(
      'submitted',
      async () => (await db.query("SELECT 1 FROM notifications WHERE id = $1 AND status = 'SUBMITTED'", [sent.notificationId])).rowCount === 1,
    );
    // The simulator reads `recipient` only when `to` is absent, and then answers no wa_id.
    const [accepted] = stack.simulator!.control.messages(userId);
    expect(accepted).toMatchObject({ to: userId, userId });
    expect(accepted.waId).toBeUndefined();
    const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = 'message.submitted/v2' AND body->>'notificationId' = $1", [
      sent.notificationId,
    ]);
    expect(rows[0].body.to).toBe(userId);
    // Delivered and read like a send to a number, the statuses naming the user by recipient_user_id.
    await waitFor(
      'read',
      async () => (await db.query("SELECT 1 FROM notifications WHERE id = $1 AND delivery_status = 'read'", [sent.notificationId])).rowCount === 1,
    );

    await stack.simulator!.control.inbound({ from: '393470000001', userId, hidePhone: true, text: 'STOP' });
    await waitFor('the opt-out', async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [userId])).rowCount === 1);
    expect(await post(cart(userId))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
  });
});

describe('statuses of a send by BSUID', () => {
  it('a failed status 131050 naming only recipient_user_id opts the BSUID out of marketing', async () => {
    const userId = bsuid();
    await optIn(userId);
    stack.simulator!.control.setFailureModes({ permanentErrorCode: 131050, permanentErrorCount: 1 });
    const sent = await post(cart(userId));
    expect(sent.decision).toBe('SEND');
    await waitFor(
      'the opt-out from the failed status',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out' AND source = 'meta-error-131050'", [userId])).rowCount === 1,
    );
    const { rows } = await db.query(
      "SELECT payload FROM message_statuses s JOIN notifications n ON n.wamid = s.wamid WHERE n.id = $1 AND s.status = 'failed'",
      [sent.notificationId],
    );
    expect(rows[0].payload).toMatchObject({ recipient_user_id: userId });
    expect(rows[0].payload.recipient_id).toBeUndefined();
    expect(await post(cart(userId))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
  });
});

describe('authentication templates and business-scoped user ids', () => {
  it('refuses an authentication template to a BSUID before sending (BSUID_NOT_ALLOWED), and sends it to a number', async () => {
    await stack.syncAndBind({
      'message.read': { templates: [{ name: 'login_otp', language: 'it' }], variables: { 'body.1': 'messageSubject', 'button.0.1': 'messageSubject' } },
    });
    const otp = (to: string) => ({ ...message(to), type: 'message.read', data: { fullName: 'Sara Neri', messageSubject: '482913' } });
    const userId = bsuid();
    const refused = await post(otp(userId));
    expect(refused).toMatchObject({ decision: 'SKIP', reason: 'BSUID_NOT_ALLOWED' });
    expect(stack.simulator!.control.messages(userId)).toEqual([]);
    const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type LIKE 'notification.decided%' AND body->>'notificationId' = $1", [
      refused.notificationId,
    ]);
    expect(rows[0].body).toMatchObject({ decision: 'SKIP', reason: 'BSUID_NOT_ALLOWED', template: { category: 'AUTHENTICATION' } });
    expect((await post(otp(phone()))).decision).toBe('SEND');
  });
});

describe('a user changes number (system message user_changed_number)', () => {
  it("moves the consent in force and the open window to the new number, ledgered, and leaves the old number the user's no more", async () => {
    const old = phone();
    const fresh = phone();
    await optIn(old);
    await stack.simulator!.control.inbound({ from: old.slice(1), text: 'STOP' });
    await waitFor('the opt-out', async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [old])).rowCount === 1);
    await stack.simulator!.control.inbound({ from: old.slice(1), type: 'system', newNumber: fresh.slice(1) });
    await waitFor(
      'the consent carried',
      async () =>
        (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out' AND source = 'meta-user-changed-number'", [fresh])).rowCount === 1,
    );
    expect(await post(cart(fresh))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
    const contact = await stack.call('GET', `/v1/contacts/${encodeURIComponent(fresh)}`, stack.tenantKeys!.admin);
    expect(contact.body.window.open).toBe(true);
    const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = 'consent.changed/v2' AND body->>'phone' = $1", [fresh]);
    expect(rows.map((r) => r.body)).toEqual([
      expect.objectContaining({
        category: 'marketing',
        action: 'opt_out',
        source: 'meta-user-changed-number',
        evidence: expect.objectContaining({ systemType: 'user_changed_number' }),
      }),
    ]);
    // Not linked: whoever gets the old number does not inherit this user's consents through the new one.
    expect(await linked([old, fresh])).toEqual({ ids: 2, persons: 2 });
  });

  it("records what moved in one contact.number_changed entry about the new number, naming neither number in the old one's place, once however often Meta re-delivers", async () => {
    const old = phone();
    const fresh = phone();
    await optIn(old);
    await stack.simulator!.control.inbound({ from: old.slice(1), text: 'ciao' });
    await waitFor('the window', async () => (await db.query('SELECT 1 FROM customer_windows WHERE phone = $1', [old])).rowCount === 1);
    const { rows: consent } = await db.query("SELECT id::text FROM consents WHERE phone = $1 AND action = 'opt_in'", [old]);
    const { webhook } = await stack.simulator!.control.inbound({ from: old.slice(1), type: 'system', newNumber: fresh.slice(1) });
    const changed = async () =>
      (await db.query("SELECT body, subject_ref, occurred_at FROM ledger_entries WHERE type = 'contact.number_changed' AND body->>'to' = $1", [fresh])).rows;
    const [entry] = await waitFor('the contact.number_changed entry', async () => ((await changed()).length > 0 ? await changed() : false));
    const { rows: carried } = await db.query("SELECT id::text FROM consents WHERE phone = $1 AND source = 'meta-user-changed-number'", [fresh]);
    expect(entry.body).toEqual({
      tenantId: stack.tenant!.id,
      systemType: 'user_changed_number',
      to: fresh,
      consents: [{ category: 'marketing', action: 'opt_in', carriedConsentId: consent[0].id, consentId: carried[0].id }],
      windowOpenUntil: expect.stringMatching(/Z$/),
    });
    expect(JSON.stringify(entry.body)).not.toContain(old.slice(1));
    const window = await db.query('SELECT open_until FROM customer_windows WHERE phone = $1', [fresh]);
    expect(new Date(entry.body.windowOpenUntil)).toEqual(window.rows[0].open_until);
    // About the new number: erasing it erases the entry.
    expect(entry.subject_ref).toEqual(Buffer.from(subjectRef(stack.tenant!.id, fresh)));

    await stack.simulator!.control.redeliver(webhook.id);
    await waitFor('the re-delivery processed', async () => (await db.query('SELECT 1 FROM webhook_payloads WHERE processed_at IS NULL')).rowCount === 0);
    expect(await changed()).toHaveLength(1);
  });
});

describe("a user's new number leaves the old one behind (identifiers)", () => {
  const row = async (identifier: string) =>
    (await db.query('SELECT person_id::text AS person, detached_from::text AS "detachedFrom" FROM contact_identifiers WHERE identifier = $1', [identifier]))
      .rows[0] as { person: string; detachedFrom: string | null } | undefined;
  const bsuidsOf = async (identifier: string) =>
    (
      await db.query(
        "SELECT o.identifier FROM contact_identifiers s JOIN contact_identifiers o ON o.tenant_id = s.tenant_id AND o.person_id = s.person_id WHERE s.identifier = $1 AND o.kind = 'bsuid' ORDER BY 1",
        [identifier],
      )
    ).rows.map((r) => r.identifier as string);
  const processed = () =>
    waitFor('the webhooks processed', async () => (await db.query('SELECT 1 FROM webhook_payloads WHERE processed_at IS NULL')).rowCount === 0);

  it("takes the old number from the user's BSUIDs, links the new number and BSUID to them, and late statuses or re-deliveries never join them again", async () => {
    const old = phone();
    const fresh = phone();
    await optIn(old);
    // A send to the old number: Meta's answer and each status name it beside the user's BSUID.
    expect((await post(cart(old))).decision).toBe('SEND');
    const [oldBsuid] = await waitFor('the BSUID linked to the old number', async () => ((await bsuidsOf(old)).length === 1 ? await bsuidsOf(old) : false));
    const statuses = await waitFor('the statuses of the send to the old number', async () => {
      const hooks = stack.simulator!.control.webhooks('messages').filter((h) => {
        const json = JSON.stringify(h.payload);
        return json.includes('"statuses"') && json.includes(`"recipient_id":"${old.slice(1)}"`);
      });
      return hooks.length >= 3 && hooks;
    });
    expect(JSON.stringify(statuses[0].payload)).toContain(oldBsuid);
    await processed();

    // Meta: the number changed, the BSUID was regenerated; both new ones beside the previous BSUID.
    const { webhook: change } = await stack.simulator!.control.inbound({ from: old.slice(1), type: 'system', newNumber: fresh.slice(1) });
    await waitFor(
      'the move',
      async () => (await db.query("SELECT 1 FROM ledger_entries WHERE type = 'contact.number_changed' AND body->>'to' = $1", [fresh])).rowCount === 1,
    );
    const user = (await row(fresh))!;
    const bsuids = await bsuidsOf(fresh);
    expect(bsuids).toHaveLength(2);
    expect(bsuids).toContain(oldBsuid);
    const left = (await row(old))!;
    expect(left.person).not.toBe(user.person);
    expect(left.detachedFrom).toBe(user.person);

    // Meta re-delivers the old send's statuses (old number beside the old BSUID) and the change itself.
    for (const h of [...statuses, change]) await stack.simulator!.control.redeliver(h.id);
    await processed();
    expect((await row(old))!.person).not.toBe((await row(fresh))!.person);
    expect(await bsuidsOf(old)).toEqual([]);
    expect((await linked([fresh, ...bsuids])).persons).toBe(1);

    // The user's STOP from the new BSUID (a username: no number) refuses marketing to the new number through the link.
    const newBsuid = bsuids.find((b) => b !== oldBsuid)!;
    await stack.simulator!.control.inbound({ from: fresh.slice(1), userId: newBsuid, hidePhone: true, text: 'STOP' });
    await waitFor(
      'the opt-out of the new BSUID',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [newBsuid])).rowCount === 1,
    );
    expect(await post(cart(fresh))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
  });
});

describe('a user is given a new business-scoped user id (system message user_changed_user_id)', () => {
  it('moves consent and window from the old BSUID to the new one, ledgered as contact.number_changed', async () => {
    const before = bsuid();
    const after = bsuid();
    await stack.simulator!.control.inbound({ from: '393470000002', userId: before, hidePhone: true, text: 'STOP' });
    await waitFor(
      'the opt-out of the old BSUID',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [before])).rowCount === 1,
    );
    await stack.simulator!.control.inbound({ from: '393470000002', userId: before, type: 'system', newUserId: after });
    const [entry] = await waitFor('the move ledgered', async () => {
      const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = 'contact.number_changed' AND body->>'to' = $1", [after]);
      return rows.length > 0 && rows;
    });
    expect(entry.body).toMatchObject({
      systemType: 'user_changed_user_id',
      to: after,
      consents: [{ category: 'marketing', action: 'opt_out' }],
      windowOpenUntil: expect.any(String),
    });
    expect(await post(cart(after))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
    const contact = await stack.call('GET', `/v1/contacts/${encodeURIComponent(after)}`, stack.tenantKeys!.admin);
    expect(contact.status).toBe(200);
    expect(contact.body.window.open).toBe(true);
  });
});

describe('the api names a user by business-scoped user id: consents, contacts, erasure', () => {
  it('records a consent for a BSUID (POST /v1/consents) and shows it with the window on GET /v1/contacts/:id and GET /v1/consents', async () => {
    const userId = bsuid();
    const res = await stack.call('POST', '/v1/consents', stack.tenantKeys!.passweb, {
      id: `c-${randomUUID()}`,
      phone: userId,
      category: 'marketing',
      action: 'opt_in',
      source: 'app-settings',
      evidence: { form: 'app-settings', textVersion: '2026-10' },
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ consentId: expect.any(String), created: true });
    const { rows } = await db.query("SELECT type, body FROM ledger_entries WHERE type = 'consent.changed/v2' AND body->>'consentId' = $1", [
      res.body.consentId,
    ]);
    expect(rows[0].body.phone).toBe(userId);
    await stack.simulator!.control.inbound({ from: '393470000003', userId, hidePhone: true, text: 'ciao' });
    await waitFor('the window', async () => (await db.query('SELECT 1 FROM customer_windows WHERE phone = $1', [userId])).rowCount === 1);

    const contact = await stack.call('GET', `/v1/contacts/${encodeURIComponent(userId)}`, stack.tenantKeys!.admin);
    expect(contact.status).toBe(200);
    expect(contact.body).toMatchObject({ phone: userId, window: { open: true }, consent: { marketing: { action: 'opt_in', consentId: res.body.consentId } } });
    const history = await stack.call('GET', `/v1/consents?phone=${encodeURIComponent(userId)}`, stack.tenantKeys!.admin);
    expect(history.status).toBe(200);
    expect(history.body).toEqual([expect.objectContaining({ consentId: res.body.consentId, action: 'opt_in' })]);
    expect((await post(cart(userId))).decision).toBe('SEND');
  });

  it('answers a malformed id with a 400 naming the field, and writes nothing', async () => {
    // Sends of earlier tests may still be ledgering their statuses: consents are what these requests could write.
    const count = async () =>
      (await db.query("SELECT (SELECT count(*) FROM consents)::int AS c, (SELECT count(*) FROM ledger_entries WHERE type LIKE 'consent.changed%')::int AS e"))
        .rows[0];
    const before = await count();
    for (const bad of ['it.1502576394655843', 'IT.', 'IT.15025-7639', `IT.${'1'.repeat(129)}`]) {
      const consent = await stack.call('POST', '/v1/consents', stack.tenantKeys!.passweb, {
        id: `c-${randomUUID()}`,
        phone: bad,
        category: 'marketing',
        action: 'opt_in',
        source: 'app-settings',
        evidence: { form: 'x' },
        occurredAt: new Date().toISOString(),
      });
      expect(consent.status).toBe(400);
      expect(consent.body.errors).toEqual([{ field: 'phone', message: expect.stringContaining('business-scoped user id') }]);
      // A path that long is refused before any route (414); the body takes it and names the field.
      if (bad.length > 64) continue;
      const contact = await stack.call('GET', `/v1/contacts/${encodeURIComponent(bad)}`, stack.tenantKeys!.admin);
      expect(contact.status).toBe(400);
      expect(contact.body.message).toMatch(/^phone: .*business-scoped user id/);
      const erased = await stack.call('DELETE', `/v1/subjects/${encodeURIComponent(bad)}`, stack.tenantKeys!.admin);
      expect(erased.status).toBe(400);
      expect(erased.body.message).toMatch(/^phone: .*business-scoped user id/);
      // The input is never echoed (only Meta's own example id is).
      if (bad.length > 3) for (const body of [consent.body, contact.body, erased.body]) expect(JSON.stringify(body)).not.toContain(bad.slice(0, 10));
    }
    expect(await count()).toEqual(before);
  });

  it('DELETE /v1/subjects/:id with a BSUID erases the person: every identifier linked to it, the number included', async () => {
    const to = phone();
    const userId = bsuid();
    await optIn(to);
    await stack.simulator!.control.inbound({ from: to.slice(1), userId, text: 'ciao' });
    await waitFor('linked', async () => (await linked([to, userId])).ids === 2);
    const sent = await post(message(to));
    expect(sent.decision).toBe('SEND');
    await waitFor(
      'read',
      async () => (await db.query("SELECT 1 FROM notifications WHERE id = $1 AND delivery_status = 'read'", [sent.notificationId])).rowCount === 1,
    );
    await stack.simulator!.control.inbound({ from: to.slice(1), userId, hidePhone: true, text: 'STOP' });
    await waitFor(
      'the opt-out of the BSUID',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [userId])).rowCount === 1,
    );
    const refs = [to, userId].map((id) => Buffer.from(subjectRef(stack.tenant!.id, id)));
    const about = async () =>
      (await db.query('SELECT count(*)::int AS n FROM ledger_entries WHERE subject_ref = ANY($1::bytea[])', [refs])).rows[0].n as number;
    await waitFor(
      'every entry sequenced and payload processed',
      async () =>
        (await db.query('SELECT 1 FROM ledger_entries WHERE seq IS NULL')).rowCount === 0 &&
        (await db.query('SELECT 1 FROM webhook_payloads WHERE processed_at IS NULL')).rowCount === 0,
    );
    // consent, event, decision, submission, 3 statuses about the number; the STOP about the BSUID.
    const aboutBefore = await about();
    expect(aboutBefore).toBe(8);

    const res = await stack.call('DELETE', `/v1/subjects/${encodeURIComponent(userId)}`, stack.tenantKeys!.admin);
    expect(res.status).toBe(200);
    expect(res.body.erasedEntries).toBe(aboutBefore);
    expect(res.body.redactedRows).toMatchObject({ consents: 2, inboundMessages: 2, notifications: 1 });
    expect(await about()).toBe(0);
    expect((await db.query('SELECT 1 FROM consents WHERE phone = ANY($1)', [[to, userId]])).rowCount).toBe(0);
    expect((await db.query('SELECT 1 FROM contact_identifiers WHERE identifier = ANY($1)', [[to, userId]])).rowCount).toBe(0);
    expect((await db.query('SELECT 1 FROM customer_windows WHERE phone = ANY($1)', [[to, userId]])).rowCount).toBe(0);
    expect((await db.query('SELECT 1 FROM notifications WHERE recipient = ANY($1)', [[to, userId]])).rowCount).toBe(0);
    const payloads = await db.query(
      "SELECT 1 FROM webhook_payloads WHERE position(convert_to($1, 'UTF8') in body) > 0 OR position(convert_to($2, 'UTF8') in body) > 0",
      [userId, to.slice(1)],
    );
    expect(payloads.rowCount).toBe(0);
    const contact = await stack.call('GET', `/v1/contacts/${encodeURIComponent(to)}`, stack.tenantKeys!.admin);
    expect(contact.body).toMatchObject({ window: { open: false }, consent: { marketing: null }, messages: [] });
    // Once more: nothing left to erase.
    expect((await stack.call('DELETE', `/v1/subjects/${encodeURIComponent(to)}`, stack.tenantKeys!.admin)).body.erasedEntries).toBe(0);
  });
});

describe("the wa_id Meta resolves differs from the number dialled (Brazil's 9th digit)", () => {
  it('links the dialled number to the wa_id of the statuses, and an opt-out from that wa_id applies to the dialled number', async () => {
    const eight = `8${String(7_000_000 + n++).padStart(7, '0')}`;
    const dialled = `+55319${eight}`;
    const waId = `5531${eight}`;
    await optIn(dialled);
    const sent = await post(message(dialled));
    expect(sent.decision).toBe('SEND');
    await waitFor('the dialled number linked to the wa_id and BSUID', async () => {
      const { rows } = await db.query(
        'SELECT o.identifier FROM contact_identifiers s JOIN contact_identifiers o ON o.tenant_id = s.tenant_id AND o.person_id = s.person_id WHERE s.identifier = $1',
        [dialled],
      );
      const ids = rows.map((r) => r.identifier as string);
      return ids.includes(`+${waId}`) && ids.some((i) => i.startsWith('BR.'));
    });
    expect((await post(cart(dialled))).decision).toBe('SEND');

    await stack.simulator!.control.setUserPreference(waId, 'stop');
    await waitFor(
      'the opt-out of the wa_id',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [`+${waId}`])).rowCount === 1,
    );
    expect(await post(cart(dialled))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
  });

  it("Mexico: a number dialled as 52 + 10 digits is linked to Meta's 52 1 wa_id, and that wa_id's stop refuses marketing to it", async () => {
    const ten = `55${String(10_000_000 + n++).padStart(8, '0')}`;
    const dialled = `+52${ten}`;
    const waId = `521${ten}`;
    await optIn(dialled);
    expect((await post(message(dialled))).decision).toBe('SEND');
    await waitFor(
      'the dialled number linked to the wa_id',
      async () => (await linked([dialled, `+${waId}`])).persons === 1 && (await linked([dialled, `+${waId}`])).ids === 2,
    );
    expect((await post(cart(dialled))).decision).toBe('SEND');
    await stack.simulator!.control.setUserPreference(waId, 'stop');
    await waitFor(
      'the opt-out of the wa_id',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [`+${waId}`])).rowCount === 1,
    );
    expect(await post(cart(dialled))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
  });

  it('every ledger entry, those about a BSUID included, conforms to its schema', async () => {
    expect(await entriesBreakingSchema(db)).toEqual([]);
  });
});
