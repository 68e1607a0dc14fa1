// Named console-api: test/e2e/console.e2e-spec.ts is the browser suite of the console itself.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TenantsService } from '#sigillo/tenants';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { consoleCall, createStaff, signIn, STAFF_PASSWORD, type ConsoleSession } from '../support/console-session.js';
import { entriesBreakingSchema } from '../support/entry-schemas.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

// The staff console's JSON api (issue 16) through the real api, worker and WhatsApp simulator:
// sign-in, its rate limit, CSRF, each call, and the configuration changes it records as evidence.

const CUSTOMER = { digits: '393475550311', first: 'Ottavia', last: 'Brambilla' };
const PHONE = `+${CUSTOMER.digits}`;
const ORDER = 'ORD-CONSOLE-77';

let stack: LedgerStack;
let db: pg.Client;
let tenantA: string;
let tenantB: string;
let bNotification: string;
const ids = { admin: '', support: '', auditor: '', global: '' };
let admin: ConsoleSession;
let support: ConsoleSession;
let auditor: ConsoleSession;
let global: ConsoleSession;
let shipped: { notificationId: string; eventId: string };
let refused: { notificationId: string; eventId: string };

async function entriesOf(type: string): Promise<{ seq: string | null; tenant_id: string | null; body: any }[]> {
  // Any version of the type (`consent.changed` and `consent.changed/v2`).
  return (
    await db.query("SELECT seq::text AS seq, tenant_id::text AS tenant_id, body FROM ledger_entries WHERE type = $1 OR type LIKE $1 || '/v%' ORDER BY id", [
      type,
    ])
  ).rows;
}

async function resetSignInFailures(): Promise<void> {
  await db.query('DELETE FROM staff_login_failures');
}

beforeAll(async () => {
  stack = await LedgerStack.start({ RECIPIENT_MIN_INTERVAL_MS: '0' }, { simulator: {} });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  tenantA = stack.tenant!.id;
  await stack.syncAndBind({ 'order.status_changed': DEMO_BINDINGS['order.status_changed'], 'message.sent': DEMO_BINDINGS['message.sent'] });
  ids.admin = await createStaff(stack, tenantA, 'admin', 'admin@negozio.test');
  ids.support = await createStaff(stack, tenantA, 'support', 'support@negozio.test');
  ids.auditor = await createStaff(stack, tenantA, 'auditor', 'auditor@negozio.test');
  ids.global = await createStaff(stack, null, 'admin', 'operator@sigillo.test');

  const passweb = stack.tenantKeys!.passweb;
  const post = async (event: Record<string, unknown>) => {
    const res = await stack.call('POST', '/v1/events', passweb, event);
    expect(res.status).toBe(202);
    return { notificationId: res.body.notificationId as string, eventId: event.id as string };
  };
  const recipient = { userId: 'u-console', phone: PHONE, name: `${CUSTOMER.first} ${CUSTOMER.last}`, language: 'it' };
  shipped = await post({
    id: `console-${randomUUID()}`,
    type: 'order.status_changed',
    occurredAt: new Date().toISOString(),
    recipient,
    data: {
      firstName: CUSTOMER.first,
      lastName: CUSTOMER.last,
      fullName: `${CUSTOMER.first} ${CUSTOMER.last}`,
      documentCode: ORDER,
      newStatus: 'Spedito',
      orderTotal: '12.00',
    },
  });
  // No binding for cart.abandoned: refused with NO_BINDING.
  refused = await post({
    id: `console-${randomUUID()}`,
    type: 'cart.abandoned',
    occurredAt: new Date().toISOString(),
    recipient,
    data: { firstName: CUSTOMER.first, cartTotal: '9.90' },
  });
  await waitFor(
    'the message read',
    async () => (await db.query("SELECT 1 FROM notifications WHERE id = $1 AND delivery_status = 'read'", [shipped.notificationId])).rowCount === 1,
    60_000,
  );

  const b = await stack.api.get(TenantsService).create({
    name: 'Altro negozio',
    phoneNumberId: '100000000000009',
    wabaId: '200000000000009',
    providerBaseUrl: stack.simulator!.url,
    graphVersion: 'v23.0',
    providerToken: 'sim-token-b',
    defaultLanguage: 'it',
    defaultCountry: 'IT',
    throughputPerSecond: 80,
  });
  tenantB = b.tenant.id;
  const other = await stack.call('POST', '/v1/events', b.keys.passweb, {
    id: `console-b-${randomUUID()}`,
    type: 'cart.abandoned',
    occurredAt: new Date().toISOString(),
    recipient,
    data: { firstName: 'B' },
  });
  bNotification = other.body.notificationId;

  admin = await signIn(stack, tenantA, 'admin@negozio.test');
  support = await signIn(stack, 'Negozio di prova', 'support@negozio.test');
  auditor = await signIn(stack, tenantA, 'AUDITOR@negozio.test');
  global = await signIn(stack, null, 'operator@sigillo.test');
}, 180_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('sign-in', () => {
  beforeEach(resetSignInFailures);

  it('answers the account and a CSRF token, and sets an HttpOnly, SameSite=Strict session cookie (Secure only under HTTPS)', async () => {
    const res = await fetch(`${stack.apiUrl}/console/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: tenantA, email: 'support@negozio.test', password: STAFF_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      account: { id: ids.support, email: 'support@negozio.test', displayName: 'support support', role: 'support', tenantId: tenantA },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      permissions: ['read', 'recordConsent'],
    });
    expect(res.headers.get('set-cookie')).toMatch(/^sigillo_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    const secure = await fetch(`${stack.apiUrl}/console/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ tenant: tenantA, email: 'support@negozio.test', password: STAFF_PASSWORD }),
    });
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure$/);
    // Only a hash of the token is stored.
    const token = res.headers.get('set-cookie')!.split(';')[0].split('=')[1];
    expect((await db.query('SELECT 1 FROM staff_sessions WHERE id = $1', [token])).rowCount).toBe(0);
  });

  it('gives the session back on GET and ends it on DELETE', async () => {
    const s = await signIn(stack, tenantA, 'auditor@negozio.test');
    const got = await consoleCall(stack, s, 'GET', '/console/api/session');
    expect(got).toMatchObject({ status: 200, body: { account: { id: ids.auditor, role: 'auditor' }, csrfToken: s.csrfToken, permissions: ['read'] } });
    const out = await consoleCall(stack, s, 'DELETE', '/console/api/session');
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^sigillo_session=; .*Max-Age=0/);
    expect((await consoleCall(stack, s, 'GET', '/console/api/session')).status).toBe(401);
    expect((await consoleCall(stack, null, 'GET', '/console/api/session')).status).toBe(401);
  });

  it('says only "invalid credentials", whichever part is wrong', async () => {
    const attempts = [
      { tenant: tenantA, email: 'admin@negozio.test', password: 'not the password at all' },
      { tenant: tenantA, email: 'nobody@negozio.test', password: STAFF_PASSWORD },
      { tenant: tenantB, email: 'admin@negozio.test', password: STAFF_PASSWORD },
      { tenant: 'no such shop', email: 'admin@negozio.test', password: STAFF_PASSWORD },
      { email: 'admin@negozio.test', password: STAFF_PASSWORD },
    ];
    for (const a of attempts) {
      await resetSignInFailures();
      expect(await stack.call('POST', '/console/api/session', null, a)).toEqual({
        status: 401,
        body: expect.objectContaining({ message: 'invalid credentials' }),
      });
    }
  });

  it('names each malformed field with a 400 and records no failure', async () => {
    const res = await stack.call('POST', '/console/api/session', null, { tenant: 3, email: '', password: '' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['tenant', 'email', 'password']);
    expect((await db.query('SELECT count(*)::int AS n FROM staff_login_failures')).rows[0].n).toBe(0);
  });

  it('refuses a sixth try within 15 minutes with 429 and Retry-After, per account and per ip, even with the right password', async () => {
    for (let i = 0; i < 5; i++)
      expect((await stack.call('POST', '/console/api/session', null, { tenant: tenantA, email: 'admin@negozio.test', password: `wrong ${i}` })).status).toBe(
        401,
      );
    const res = await fetch(`${stack.apiUrl}/console/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: tenantA, email: 'admin@negozio.test', password: STAFF_PASSWORD }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(800);
    // The ip is limited too: another account from the same address.
    expect((await stack.call('POST', '/console/api/session', null, { tenant: tenantA, email: 'auditor@negozio.test', password: STAFF_PASSWORD })).status).toBe(
      429,
    );
    // Failures older than the window no longer count.
    await db.query("UPDATE staff_login_failures SET at = at - interval '16 minutes'");
    expect((await stack.call('POST', '/console/api/session', null, { tenant: tenantA, email: 'admin@negozio.test', password: STAFF_PASSWORD })).status).toBe(
      200,
    );
  });
});

describe('CSRF', () => {
  it('refuses a write with the session cookie but a missing or wrong X-CSRF-Token, and writes nothing', async () => {
    const before = (await db.query('SELECT count(*)::int AS n FROM ledger_entries')).rows[0].n;
    const body = { category: 'marketing', state: 'opt_in' };
    for (const csrf of ['missing', 'wrong'] as const) {
      const res = await consoleCall(stack, admin, 'POST', `/console/api/contacts/${encodeURIComponent(PHONE)}/consents`, body, csrf);
      expect(res).toMatchObject({ status: 403, body: { message: 'missing or wrong CSRF token' } });
      expect((await consoleCall(stack, admin, 'PUT', '/console/api/bindings/message.sent', DEMO_BINDINGS['message.sent'], csrf)).status).toBe(403);
    }
    expect((await db.query('SELECT count(*)::int AS n FROM ledger_entries')).rows[0].n).toBe(before);
  });

  it('is not asked of API keys', async () => {
    const res = await stack.call('POST', '/console/api/bindings/order.status_changed/preview', stack.tenantKeys!.admin, {
      binding: DEMO_BINDINGS['order.status_changed'],
    });
    expect(res.status).toBe(200);
  });
});

describe('messages', () => {
  it("lists the tenant's messages newest first, with outcome, reason, a masked phone and the order code", async () => {
    const res = await consoleCall(stack, auditor, 'GET', '/console/api/messages');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        notificationId: refused.notificationId,
        eventType: 'cart.abandoned',
        outcome: 'refused',
        reason: 'NO_BINDING',
        phoneMasked: '+39 ••• 311',
      }),
      expect.objectContaining({
        notificationId: shipped.notificationId,
        eventType: 'order.status_changed',
        reference: ORDER,
        template: 'order_status_update',
        language: 'it',
        outcome: 'read',
        reason: null,
      }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain(CUSTOMER.digits);
    expect(res.body.nextCursor).toBeNull();
  });

  it('filters by order code, phone, event id, template, outcome, reason and dates, and pages with a cursor', async () => {
    const only = async (query: string) =>
      (await consoleCall(stack, support, 'GET', `/console/api/messages?${query}`)).body.items.map((i: { notificationId: string }) => i.notificationId);
    expect(await only(`reference=${ORDER}`)).toEqual([shipped.notificationId]);
    expect(await only(`q=${ORDER}`)).toEqual([shipped.notificationId]);
    expect(await only(`q=${encodeURIComponent('347 555 0311')}`)).toEqual([refused.notificationId, shipped.notificationId]);
    expect(await only(`phone=${encodeURIComponent('3475550311')}`)).toEqual([refused.notificationId, shipped.notificationId]);
    expect(await only(`eventId=${encodeURIComponent(shipped.eventId)}`)).toEqual([shipped.notificationId]);
    expect(await only('template=order_status_update')).toEqual([shipped.notificationId]);
    expect(await only('outcome=refused')).toEqual([refused.notificationId]);
    expect(await only('outcome=read')).toEqual([shipped.notificationId]);
    expect(await only('outcome=failed')).toEqual([]);
    expect(await only('reason=NO_BINDING')).toEqual([refused.notificationId]);
    expect(await only('from=2020-01-01&to=2020-01-02')).toEqual([]);
    const first = await consoleCall(stack, support, 'GET', '/console/api/messages?limit=1');
    expect(first.body.items).toHaveLength(1);
    const second = await consoleCall(stack, support, 'GET', `/console/api/messages?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { notificationId: string }) => i.notificationId)).toEqual([shipped.notificationId]);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers a bad filter with a 400 naming it', async () => {
    const res = await consoleCall(stack, support, 'GET', '/console/api/messages?outcome=lost&limit=0&from=yesterday&cursor=zzz&color=red');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['color', 'cursor', 'from', 'limit', 'outcome']);
  });

  it("tells a message's story with explanation codes, its anchoring and its proof", async () => {
    await waitFor(
      'the story anchored',
      async () => (await consoleCall(stack, auditor, 'GET', `/console/api/messages/${shipped.notificationId}`)).body.anchoring !== null,
      60_000,
      250,
    );
    const res = await consoleCall(stack, auditor, 'GET', `/console/api/messages/${shipped.notificationId}`);
    expect(res.status).toBe(200);
    const codes = res.body.story.map((s: { explanation: { code: string } }) => s.explanation.code);
    expect(codes.slice(0, 3)).toEqual(['event.received', 'decided.send', 'submitted']);
    expect(codes).toEqual(expect.arrayContaining(['status.sent', 'status.delivered', 'status.read']));
    expect(res.body.story[1].explanation.params).toMatchObject({ template: 'order_status_update', language: 'it', category: 'UTILITY' });
    expect(res.body.anchoring).toMatchObject({ txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/), chainId: expect.any(Number), contract: expect.any(String) });
    expect(res.body.anchoring.anchoredSize).toBeGreaterThan(Math.max(...res.body.story.map((s: { seq: number }) => s.seq)));
    const refusal = await consoleCall(stack, auditor, 'GET', `/console/api/messages/${refused.notificationId}`);
    expect(refusal.body.story.map((s: { explanation: { code: string } }) => s.explanation.code)).toEqual(['event.received', 'refused.NO_BINDING']);
    const proof = await consoleCall(stack, auditor, 'GET', res.body.proofUrl);
    expect(proof.status).toBe(200);
    expect(proof.body.format).toEqual(expect.any(String));
    expect(proof.body).toEqual((await stack.call('GET', `/v1/events/${encodeURIComponent(shipped.eventId)}/proof`, stack.tenantKeys!.auditor)).body);
  });

  it("answers 404 for another tenant's message and 400 for an id that is not one", async () => {
    expect((await consoleCall(stack, admin, 'GET', `/console/api/messages/${bNotification}`)).status).toBe(404);
    expect((await consoleCall(stack, admin, 'GET', `/console/api/messages/${bNotification}/proof`)).status).toBe(404);
    expect((await consoleCall(stack, admin, 'GET', `/console/api/messages?tenant=${tenantB}`)).status).toBe(404);
    expect(await consoleCall(stack, admin, 'GET', '/console/api/messages/not-an-id')).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'notificationId' }] },
    });
  });

  it('lets the global operator pick a tenant, and asks it to', async () => {
    expect(await consoleCall(stack, global, 'GET', '/console/api/messages')).toMatchObject({ status: 400, body: { errors: [{ field: 'tenant' }] } });
    const b = await consoleCall(stack, global, 'GET', `/console/api/messages?tenant=${tenantB}`);
    expect(b.body.items.map((i: { notificationId: string }) => i.notificationId)).toEqual([bNotification]);
    const tenants = await consoleCall(stack, global, 'GET', '/console/api/tenants');
    expect(tenants.body.map((t: { id: string }) => t.id).sort()).toEqual([tenantA, tenantB].sort());
    expect(JSON.stringify(tenants.body)).not.toContain('sim-token');
    expect((await consoleCall(stack, admin, 'GET', '/console/api/tenants')).status).toBe(403);
  });
});

describe('contacts', () => {
  it('shows the window, consent per category with where each change came from, and recent messages', async () => {
    await stack.simulator!.control.inbound({ from: CUSTOMER.digits, text: 'STOP', name: CUSTOMER.first });
    await waitFor(
      'the opt-out',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [PHONE])).rowCount === 1,
      30_000,
    );
    const res = await consoleCall(stack, auditor, 'GET', `/console/api/contacts/${encodeURIComponent(PHONE)}`);
    expect(res.status).toBe(200);
    expect(res.body.window).toEqual({ open: true, until: expect.any(String), lastInboundAt: expect.any(String) });
    const marketing = res.body.consents.find((c: { category: string }) => c.category === 'marketing');
    expect(marketing).toMatchObject({ state: 'opt_out', history: [{ state: 'opt_out', source: 'stop_message' }] });
    expect(res.body.recentMessages.map((m: { notificationId: string }) => m.notificationId)).toEqual([refused.notificationId, shipped.notificationId]);
    expect(res.body.erasure.keeps).toContain('ledger.leafHashes');
  });

  it('records a consent by staff, naming the account in its consent.changed entry', async () => {
    const res = await consoleCall(stack, support, 'POST', `/console/api/contacts/${encodeURIComponent(PHONE)}/consents`, {
      category: 'marketing',
      state: 'opt_in',
      note: 'asked at the counter',
    });
    expect(res).toMatchObject({ status: 201, body: { consentId: expect.any(String), category: 'marketing', state: 'opt_in' } });
    const [entry] = (await entriesOf('consent.changed')).filter((e) => e.body.consentId === res.body.consentId);
    expect(entry.body).toMatchObject({
      source: 'staff',
      evidence: { recordedBy: { kind: 'staff', id: ids.support }, channel: 'console', note: 'asked at the counter' },
    });
    const view = await consoleCall(stack, support, 'GET', `/console/api/contacts/${encodeURIComponent(PHONE)}`);
    expect(view.body.consents.find((c: { category: string }) => c.category === 'marketing')).toMatchObject({
      state: 'opt_in',
      history: [{ source: 'staff' }, { source: 'stop_message' }],
    });
    const bad = await consoleCall(stack, support, 'POST', `/console/api/contacts/${encodeURIComponent(PHONE)}/consents`, { category: 'sms', state: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['category', 'state']);
  });

  it('erases only with the identifier repeated, and records who ordered it', async () => {
    const someone = '+393475550399';
    await stack.call('POST', '/v1/consents', stack.tenantKeys!.passweb, {
      id: `c-${randomUUID()}`,
      phone: someone,
      category: 'marketing',
      action: 'opt_in',
      source: 'form',
      evidence: {},
      occurredAt: new Date().toISOString(),
    });
    await waitFor('sequenced', async () => (await db.query('SELECT 1 FROM ledger_entries WHERE seq IS NULL')).rowCount === 0, 30_000);
    const path = `/console/api/contacts/${encodeURIComponent(someone)}`;
    expect(await consoleCall(stack, admin, 'DELETE', path, { confirm: '+393475550398' })).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'confirm' }] },
    });
    expect(await consoleCall(stack, admin, 'DELETE', path, {})).toMatchObject({ status: 400 });
    expect((await db.query('SELECT 1 FROM consents WHERE phone = $1', [someone])).rowCount).toBe(1);
    const res = await consoleCall(stack, admin, 'DELETE', path, { confirm: someone });
    expect(res).toMatchObject({ status: 200, body: { erasedEntries: 1 } });
    const [erased] = await entriesOf('subject.erased');
    const [ordered] = await entriesOf('config.erasure_ordered');
    expect(ordered.body).toEqual({ tenantId: tenantA, actor: { kind: 'staff', id: ids.admin }, subject: erased.body.subject });
  });
});

describe('templates and bindings', () => {
  it('lists the synced catalog with status, category and quality', async () => {
    const res = await consoleCall(stack, auditor, 'GET', '/console/api/templates');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'order_status_update',
          language: 'it',
          status: 'APPROVED',
          category: 'UTILITY',
          parameterFormat: expect.any(String),
          components: expect.any(Object),
        }),
      ]),
    );
  });

  it('previews a binding rendered from a sample event, or names the fields that are wrong', async () => {
    const res = await consoleCall(stack, auditor, 'POST', '/console/api/bindings/order.status_changed/preview', {
      binding: DEMO_BINDINGS['order.status_changed'],
    });
    expect(res.status).toBe(200);
    expect(res.body.rendered).toMatchObject({
      template: { name: 'order_status_update', language: 'it' },
      body: expect.stringContaining('ORD-2026-0042'),
      buttons: expect.any(Array),
    });
    expect(res.body.rendered.body).not.toMatch(/\{\{/);
    expect(res.body.sampleEvent).toMatchObject({ type: 'order.status_changed', data: { documentCode: 'ORD-2026-0042' } });
    const bad = await consoleCall(stack, auditor, 'POST', '/console/api/bindings/order.status_changed/preview', {
      binding: { templates: [{ name: 'order_status_update', language: 'it' }], variables: { 'body.1': 'cartTotal' } },
    });
    expect([400, 422]).toContain(bad.status);
    expect(bad.body.errors.length).toBeGreaterThan(0);
    expect(bad.body.errors.every((e: { field: string }) => typeof e.field === 'string')).toBe(true);
    expect((await consoleCall(stack, auditor, 'POST', '/console/api/bindings/order.status_changed/preview', {})).body.errors).toEqual([
      { field: 'binding', message: expect.any(String) },
    ]);
  });

  it('saves a binding by an admin, recorded with a config.binding_set entry naming the account; a bad one writes nothing', async () => {
    const before = (await entriesOf('config.binding_set')).length;
    expect((await consoleCall(stack, admin, 'PUT', '/console/api/bindings/message.sent', { templates: [] })).status).toBe(400);
    expect((await entriesOf('config.binding_set')).length).toBe(before);
    const res = await consoleCall(stack, admin, 'PUT', '/console/api/bindings/message.sent', DEMO_BINDINGS['message.sent']);
    expect(res.status).toBe(200);
    const entries = await entriesOf('config.binding_set');
    expect(entries).toHaveLength(before + 1);
    expect(entries[entries.length - 1].body).toMatchObject({
      tenantId: tenantA,
      actor: { kind: 'staff', id: ids.admin },
      eventType: 'message.sent',
      binding: { eventType: 'message.sent' },
    });
    // The admin API's own path records its key.
    expect((await stack.call('PUT', '/v1/bindings/message.sent', stack.tenantKeys!.admin, DEMO_BINDINGS['message.sent'])).status).toBe(200);
    const byKey = (await entriesOf('config.binding_set')).pop()!;
    expect(byKey.body.actor).toEqual({
      kind: 'api_key',
      id: (await db.query("SELECT id::text AS id FROM api_keys WHERE tenant_id = $1 AND role = 'admin' ORDER BY created_at LIMIT 1", [tenantA])).rows[0].id,
    });
    expect((await consoleCall(stack, admin, 'GET', '/console/api/bindings')).body.map((b: { eventType: string }) => b.eventType)).toEqual([
      'message.sent',
      'order.status_changed',
    ]);
  });
});

describe('staff and API keys', () => {
  it('creates and disables a staff account, each recorded naming the admin; the disabled account is signed out', async () => {
    const created = await consoleCall(stack, admin, 'POST', '/console/api/staff', {
      email: 'Nuovo@Negozio.test',
      displayName: 'Nuovo',
      role: 'support',
      password: 'a fine long password',
    });
    expect(created).toMatchObject({ status: 201, body: { email: 'nuovo@negozio.test', role: 'support', tenantId: tenantA, disabledAt: null } });
    expect(JSON.stringify(created.body)).not.toMatch(/password|scrypt/i);
    expect(
      (
        await consoleCall(stack, admin, 'POST', '/console/api/staff', {
          email: 'nuovo@negozio.test',
          displayName: 'Again',
          role: 'support',
          password: 'a fine long password',
        })
      ).status,
    ).toBe(409);
    const bad = await consoleCall(stack, admin, 'POST', '/console/api/staff', { email: 'x', displayName: '', role: 'owner', password: 'short' });
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['email', 'displayName', 'role', 'password']);
    const [entry] = (await entriesOf('config.staff_account_created')).filter((e) => e.body.accountId === created.body.id);
    expect(entry.body).toEqual({ tenantId: tenantA, actor: { kind: 'staff', id: ids.admin }, accountId: created.body.id, role: 'support' });
    expect(JSON.stringify(entry.body)).not.toContain('nuovo');

    await resetSignInFailures();
    const nuovo = await signIn(stack, tenantA, 'nuovo@negozio.test', 'a fine long password');
    expect((await consoleCall(stack, nuovo, 'GET', '/console/api/messages')).status).toBe(200);
    const disabled = await consoleCall(stack, admin, 'POST', `/console/api/staff/${created.body.id}/disable`);
    expect(disabled).toMatchObject({ status: 200, body: { disabledAt: expect.any(String) } });
    expect((await consoleCall(stack, nuovo, 'GET', '/console/api/messages')).status).toBe(401);
    expect(
      (await stack.call('POST', '/console/api/session', null, { tenant: tenantA, email: 'nuovo@negozio.test', password: 'a fine long password' })).status,
    ).toBe(401);
    expect((await entriesOf('config.staff_account_disabled')).map((e) => e.body)).toContainEqual({
      tenantId: tenantA,
      actor: { kind: 'staff', id: ids.admin },
      accountId: created.body.id,
    });
    expect((await consoleCall(stack, admin, 'POST', `/console/api/staff/${ids.admin}/disable`)).status).toBe(400);
    const list = await consoleCall(stack, admin, 'GET', '/console/api/staff');
    expect(list.body.map((a: { email: string }) => a.email)).toEqual(expect.arrayContaining(['admin@negozio.test', 'nuovo@negozio.test']));
  });

  it('creates an API key shown once and revokes it, both recorded; the revoked key is refused', async () => {
    const created = await consoleCall(stack, admin, 'POST', '/console/api/api-keys', { role: 'auditor', label: 'revisore' });
    expect(created).toMatchObject({
      status: 201,
      body: { id: expect.any(String), key: expect.stringMatching(/^sk_auditor_/), role: 'auditor', label: 'revisore' },
    });
    expect((await stack.call('GET', '/v1/templates', created.body.key)).status).toBe(200);
    const listed = await consoleCall(stack, admin, 'GET', '/console/api/api-keys');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    expect(listed.body).toContainEqual(expect.objectContaining({ id: created.body.id, role: 'auditor', label: 'revisore', revokedAt: null }));
    expect((await consoleCall(stack, admin, 'POST', `/console/api/api-keys/${created.body.id}/revoke`)).status).toBe(200);
    expect((await stack.call('GET', '/v1/templates', created.body.key)).status).toBe(401);
    expect((await consoleCall(stack, admin, 'POST', `/console/api/api-keys/${randomUUID()}/revoke`)).status).toBe(404);
    const made = (await entriesOf('config.api_key_created')).find((e) => e.body.keyId === created.body.id)!;
    expect(made.body).toEqual({ tenantId: tenantA, actor: { kind: 'staff', id: ids.admin }, keyId: created.body.id, role: 'auditor', label: 'revisore' });
    expect(JSON.stringify(made.body)).not.toContain(created.body.key);
    expect((await entriesOf('config.api_key_revoked')).map((e) => e.body)).toContainEqual({
      tenantId: tenantA,
      actor: { kind: 'staff', id: ids.admin },
      keyId: created.body.id,
    });
  });
});

describe('overview and history', () => {
  it('counts messages per day by outcome and refusal reason, per pricing category, and reports anchoring health', async () => {
    const res = await consoleCall(stack, auditor, 'GET', '/console/api/overview?days=7');
    expect(res.status).toBe(200);
    expect(res.body.perDay).toHaveLength(7);
    const today = res.body.perDay[6];
    expect(today).toMatchObject({ day: new Date().toISOString().slice(0, 10), read: 1, refused: { NO_BINDING: 1 } });
    expect(res.body.perPricingCategory).toEqual(expect.any(Array));
    expect(res.body.anchoring).toMatchObject({
      latestAnchoredSize: expect.any(Number),
      latestBlock: expect.any(Number),
      ledgerSize: expect.any(Number),
      lagEntries: expect.any(Number),
    });
    expect((await consoleCall(stack, auditor, 'GET', '/console/api/overview?days=0')).body.errors).toEqual([{ field: 'days', message: expect.any(String) }]);
  });

  it('lists configuration changes with who made them, newest first', async () => {
    const res = await consoleCall(stack, auditor, 'GET', '/console/api/history');
    expect(res.status).toBe(200);
    const types = res.body.items.map((i: { type: string }) => i.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'config.binding_set',
        'config.staff_account_created',
        'config.staff_account_disabled',
        'config.api_key_created',
        'config.api_key_revoked',
        'config.erasure_ordered',
      ]),
    );
    expect(res.body.items.find((i: { type: string }) => i.type.startsWith('consent.changed'))).toMatchObject({
      actor: { kind: 'staff', id: ids.support, label: 'support support <support@negozio.test>' },
      summary: { category: 'marketing', action: 'opt_in', source: 'staff' },
      explanation: { code: 'consent.optIn.staff' },
    });
    const bindingByStaff = res.body.items.find((i: { type: string; actor: { kind: string } }) => i.type === 'config.binding_set' && i.actor.kind === 'staff');
    expect(bindingByStaff).toMatchObject({
      actor: { kind: 'staff', id: ids.admin, label: 'admin admin <admin@negozio.test>' },
      summary: { eventType: 'message.sent' },
      explanation: { code: 'config.binding_set' },
    });
    const ids2 = res.body.items.map((i: { seq: number | null }) => i.seq).filter((s: number | null) => s !== null);
    expect(ids2).toEqual([...ids2].sort((a: number, b: number) => b - a));
    expect(JSON.stringify(res.body)).not.toContain(CUSTOMER.digits);
    expect((await consoleCall(stack, auditor, 'GET', '/console/api/history?cursor=abc')).status).toBe(400);
  });

  it('writes every configuration entry to its schema, naming no secret', async () => {
    await waitFor('sequenced', async () => (await db.query('SELECT 1 FROM ledger_entries WHERE seq IS NULL')).rowCount === 0, 30_000);
    expect(await entriesBreakingSchema(db)).toEqual([]);
    const { rows } = await db.query("SELECT body::text AS body FROM ledger_entries WHERE type LIKE 'config.%'");
    expect(rows.length).toBeGreaterThan(10);
    for (const { body } of rows) {
      expect(body).not.toMatch(/sk_(admin|auditor|passweb)_|scrypt\$|sim-token|correct horse/);
    }
  });
});

describe('the console page', () => {
  it('is served at /console with a fallback to index.html for its own routes, and /console/api stays JSON', async () => {
    const unknownCall = await consoleCall(stack, admin, 'GET', '/console/api/nothing-here');
    expect(unknownCall).toMatchObject({ status: 404, body: { statusCode: 404 } });
    const page = await fetch(`${stack.apiUrl}/console/messages/${shipped.notificationId}`);
    expect([200, 404]).toContain(page.status);
    if (page.status === 200) expect(await page.text()).toMatch(/<html/i);
    else expect(await page.json()).toMatchObject({ message: 'the console is not built: run npm run build' });
  });
});
