import { Contract, JsonRpcProvider, Wallet, id as keccakId } from 'ethers';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { hardhatAccounts } from '#sigillo/dev-stack';
import { NOTIFICATION_LEDGER_ABI } from '#sigillo/chain';
import { command as tenantCommand } from '../../apps/cli/src/tenant.command.js';
import { TENANT_CACHE_MS, TenantsService } from '#sigillo/tenants';
import { hubSignature } from '#sigillo/webhooks';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { CLI_ACTOR, StaffAccountsService } from '#sigillo/auth';
import { consoleCall, createStaff, signIn, STAFF_PASSWORD, type ConsoleSession } from '../support/console-session.js';
import { LedgerStack, SIMULATOR_APP_SECRET } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

// Security checks (issue 6 §3): each key role does only its own things, tenants are isolated, a
// replayed webhook is harmless, nothing personal reaches the chain, the contract refuses strangers
// and inconsistent checkpoints, and no secret reaches a log line. Issue 13: a webhook is applied
// only within the tenant owning the number and account it names, with a secret allowed for it.

/** The people of the run: their numbers and names must stay off chain and out of logs. */
const PEOPLE = [
  { digits: '393475550199', national: '347 555 0199', first: 'Ermenegilda', last: 'Pizzutti' },
  { digits: '393475550277', national: '347 555 0277', first: 'Gualtiero', last: 'Sbarbaro' },
];
const phone = (p: (typeof PEOPLE)[number]) => `+${p.digits}`;
/** A number nobody used: erasing it changes nothing. */
const NOBODY = '+393475550900';
const PROVIDER_TOKEN_A = 'sim-token'; // the token LedgerStack gives tenant A
const PROVIDER_TOKEN_B = `sim-token-b-${randomBytes(8).toString('hex')}`;
const VERIFY_TOKEN = 'test-verify-token';
/** The app secret of tenant C, which brings its own Meta app. */
const APP_SECRET_C = `own-app-secret-${randomBytes(16).toString('hex')}`;

const lines: string[] = [];
const capture: DestinationStream = { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) };

let stack: LedgerStack;
let db: pg.Client;
let provider: JsonRpcProvider;
let tenantA: string;
let tenantB: string;
let keysB: { auditor: string; admin: string; passweb: string };
/** What the run left of tenant A to point at. */
const story = { eventIds: [] as string[], notificationIds: [] as string[], wamids: [] as string[], seqs: [] as number[] };

beforeAll(async () => {
  stack = await LedgerStack.start({ LOG_LEVEL: 'debug', RECIPIENT_MIN_INTERVAL_MS: '0' }, { simulator: {}, logDestination: capture });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  provider = new JsonRpcProvider(stack.chain.url, undefined, { staticNetwork: true });
  tenantA = stack.tenant!.id;
  const b = await stack.api.get(TenantsService).create({
    name: 'Altro negozio',
    phoneNumberId: '100000000000002',
    wabaId: '200000000000002',
    providerBaseUrl: stack.simulator!.url,
    graphVersion: 'v23.0',
    providerToken: PROVIDER_TOKEN_B,
    defaultLanguage: 'it',
    defaultCountry: 'IT',
    throughputPerSecond: 80,
  });
  tenantB = b.tenant.id;
  keysB = b.keys;

  // A full run for tenant A: events with names and numbers, sends, statuses, a STOP, a consent.
  const { admin, passweb } = stack.tenantKeys!;
  expect(await stack.call('POST', '/v1/templates/sync', admin)).toMatchObject({ status: 200 });
  for (const type of ['order.status_changed', 'message.sent']) {
    expect((await stack.call('PUT', `/v1/bindings/${type}`, admin, DEMO_BINDINGS[type])).status).toBe(200);
  }
  const [p1, p2] = PEOPLE;
  const events = [
    {
      id: `sec-${randomUUID()}`,
      type: 'order.status_changed',
      occurredAt: new Date().toISOString(),
      recipient: { userId: 'u-sec-1', phone: p1.national, name: `${p1.first} ${p1.last}`, language: 'it' },
      data: {
        firstName: p1.first,
        lastName: p1.last,
        fullName: `${p1.first} ${p1.last}`,
        documentCode: 'ORD-SEC-1',
        newStatus: 'Spedito',
        orderTotal: '12.00',
      },
    },
    {
      id: `sec-${randomUUID()}`,
      type: 'message.sent',
      occurredAt: new Date().toISOString(),
      recipient: { userId: 'u-sec-2', phone: phone(p2), name: `${p2.first} ${p2.last}`, language: 'it' },
      data: { firstName: p2.first, lastName: p2.last, messageSubject: 'Fattura' },
    },
  ];
  for (const event of events) {
    const accepted = await stack.call('POST', '/v1/events', passweb, event);
    expect(accepted).toMatchObject({ status: 202, body: { decision: 'SEND' } });
    story.eventIds.push(event.id);
    story.notificationIds.push(accepted.body.notificationId);
  }
  for (const id of story.notificationIds) {
    await waitFor(
      'the message read',
      async () => (await db.query("SELECT 1 FROM notifications WHERE id = $1 AND delivery_status = 'read'", [id])).rowCount === 1,
      60_000,
    );
  }
  story.wamids = (await db.query('SELECT wamid FROM notifications WHERE id = ANY($1::uuid[]) ORDER BY created_at', [story.notificationIds])).rows.map(
    (r) => r.wamid,
  );
  await stack.simulator!.control.inbound({ from: p1.digits, text: 'STOP', name: `${p1.first} ${p1.last}` });
  await waitFor(
    'the opt-out',
    async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [phone(p1)])).rowCount === 1,
    30_000,
  );
  const consent = {
    id: `cons-${randomUUID()}`,
    phone: phone(p2),
    category: 'marketing',
    action: 'opt_in',
    source: 'checkout-form',
    evidence: { form: 'checkout', textVersion: 'privacy-2025-07', channel: 'web' },
    occurredAt: new Date().toISOString(),
  };
  expect((await stack.call('POST', '/v1/consents', passweb, consent)).status).toBe(201);
  await stack.simulator!.control.idle();
  await waitAnchored();
  story.seqs = (await db.query('SELECT seq FROM ledger_entries WHERE tenant_id = $1 AND seq IS NOT NULL ORDER BY seq', [tenantA])).rows.map((r) =>
    Number(r.seq),
  );
  expect(story.seqs.length).toBeGreaterThan(8);
}, 180_000);

afterAll(async () => {
  provider?.destroy();
  await db?.end();
  await stack?.stop();
});

/** Every ledger entry sequenced and the contract's latest checkpoint covering all of them. */
async function waitAnchored(): Promise<void> {
  const contract = new Contract(stack.chain.contract, NOTIFICATION_LEDGER_ABI, provider);
  await waitFor(
    'every entry anchored',
    async () => {
      const { rows } = await db.query('SELECT COUNT(*) FILTER (WHERE seq IS NULL)::int AS pending, COUNT(*)::int AS total FROM ledger_entries');
      if (rows[0].pending > 0) return false;
      const [treeSize] = await contract.latest();
      return Number(treeSize) === rows[0].total;
    },
    60_000,
    200,
  );
}

async function ledgerCounts(): Promise<Record<string, number>> {
  const { rows } = await db.query('SELECT type, COUNT(*)::int AS n FROM ledger_entries GROUP BY type ORDER BY type');
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

async function rawWebhook(body: string, signature: string): Promise<number> {
  const res = await fetch(`${stack.apiUrl}/v1/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

async function webhooksApplied(): Promise<void> {
  await waitFor(
    'every webhook payload applied',
    async () => (await db.query('SELECT 1 FROM webhook_payloads WHERE processed_at IS NULL')).rowCount === 0,
    30_000,
  );
}

type KeyName = 'none' | 'passweb' | 'auditor' | 'admin' | 'deployment auditor' | 'deployment admin';
const KEY_NAMES: KeyName[] = ['none', 'passweb', 'auditor', 'admin', 'deployment auditor', 'deployment admin'];

function keyOf(name: KeyName): string | null {
  switch (name) {
    case 'none':
      return null;
    case 'deployment auditor':
      return stack.keys.auditor;
    case 'deployment admin':
      return stack.keys.admin;
    default:
      return stack.tenantKeys![name];
  }
}

describe('API key roles', () => {
  const openapi = JSON.parse(readFileSync(join(process.cwd(), 'docs/openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, { 'x-key-roles'?: string[] }>>;
  };
  const documented = Object.entries(openapi.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, roles: op['x-key-roles'] })),
  );
  /** Routes that act for the key's own tenant: a deployment-wide key is refused (403). */
  const TENANT_BOUND = new Set([
    'POST /v1/events',
    'POST /v1/consents',
    'GET /v1/templates',
    'POST /v1/templates/sync',
    'GET /v1/bindings',
    'PUT /v1/bindings/{eventType}',
  ]);
  /** Key-protected without x-key-roles: the queue board takes admin keys (its own gate). */
  const EXTRA_ROLES: Record<string, string[]> = { 'GET /admin/queues': ['admin'] };
  /** Shows every tenant's data: a tenant's key is refused (403) whatever its role. */
  const DEPLOYMENT_ONLY = new Set(['GET /admin/queues']);

  function request(method: string, path: string): { url: string; body?: unknown; headers?: Record<string, string> } {
    const t = `tenantId=${tenantA}`;
    switch (`${method} ${path}`) {
      case 'GET /v1/ledger/entries/{seq}/proof':
        return { url: `/v1/ledger/entries/${story.seqs[0]}/proof` };
      case 'GET /v1/messages/{wamid}/proof':
        return { url: `/v1/messages/${encodeURIComponent(story.wamids[0])}/proof?${t}` };
      case 'GET /v1/events/{id}/proof':
        return { url: `/v1/events/${encodeURIComponent(story.eventIds[0])}/proof?${t}` };
      case 'POST /v1/events':
        return { url: '/v1/events', body: {} };
      case 'POST /v1/consents':
        return { url: '/v1/consents', body: {} };
      case 'GET /v1/consents':
        return { url: `/v1/consents?phone=${encodeURIComponent(phone(PEOPLE[0]))}&${t}` };
      case 'PUT /v1/bindings/{eventType}':
        return { url: '/v1/bindings/order.status_changed', body: {} };
      case 'GET /v1/webhooks/whatsapp':
        return { url: `/v1/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=4242` };
      case 'POST /v1/webhooks/whatsapp': {
        const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
        return {
          url: '/v1/webhooks/whatsapp',
          body,
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(Buffer.from(body), SIMULATOR_APP_SECRET) },
        };
      }
      case 'GET /v1/contacts/{phone}':
        return { url: `/v1/contacts/${encodeURIComponent(phone(PEOPLE[0]))}?${t}` };
      case 'GET /v1/ledger/schemas/{type}/{version}':
        return { url: '/v1/ledger/schemas/message.status/1' };
      case 'DELETE /v1/subjects/{phone}':
        return { url: `/v1/subjects/${encodeURIComponent(NOBODY)}?${t}` };
      default:
        if (path.includes('{')) throw new Error(`no request for ${method} ${path}: add one`);
        return { url: path };
    }
  }

  it('lets through only the documented roles, on every endpoint of docs/openapi.json', async () => {
    expect(documented.length).toBeGreaterThanOrEqual(18);
    const eventsBefore = await ledgerCounts();
    const wrong: string[] = [];
    for (const { method, path, roles: listed } of documented) {
      const roles = listed ?? EXTRA_ROLES[`${method} ${path}`];
      const req = request(method, path);
      for (const keyName of KEY_NAMES) {
        const res = await stack.call(method, req.url, keyOf(keyName), req.body, req.headers);
        const role = keyName.replace('deployment ', '');
        let expected: string;
        if (!roles) expected = 'through';
        else if (keyName === 'none') expected = '401';
        else if (!roles.includes(role)) expected = '403';
        else if (keyName.startsWith('deployment') && TENANT_BOUND.has(`${method} ${path}`)) expected = '403';
        else if (!keyName.startsWith('deployment') && DEPLOYMENT_ONLY.has(`${method} ${path}`)) expected = '403';
        else expected = 'through';
        const got = res.status === 401 || res.status === 403 ? String(res.status) : 'through';
        if (got !== expected) wrong.push(`${method} ${path} with ${keyName} key: expected ${expected}, got ${res.status}`);
        // Whatever got through must not have been a server error.
        if (res.status >= 500 && !(path === '/health' && res.status === 503)) wrong.push(`${method} ${path} with ${keyName} key: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    // The matrix posted only empty bodies: nothing was recorded.
    expect(await ledgerCounts()).toEqual(eventsBefore);
  }, 60_000);

  it('an auditor key cannot post events or change bindings; a passweb key cannot read proofs, contacts or consent history', async () => {
    const { auditor, passweb, admin } = stack.tenantKeys!;
    const event = {
      id: `sec-${randomUUID()}`,
      type: 'message.sent',
      occurredAt: new Date().toISOString(),
      recipient: { userId: 'u-sec-x', phone: phone(PEOPLE[1]), language: 'it' },
      data: { firstName: 'X', messageSubject: 'Y' },
    };
    for (const key of [auditor, admin, stack.keys.auditor, stack.keys.admin, stack.keys.passweb]) {
      expect((await stack.call('POST', '/v1/events', key, event)).status).toBe(403);
    }
    expect((await db.query('SELECT 1 FROM notifications WHERE event_id = $1', [event.id])).rowCount).toBe(0);

    const before = (await stack.call('GET', '/v1/bindings', admin)).body;
    const changed = {
      templates: [{ name: 'order_status_update', language: 'en' }],
      variables: (DEMO_BINDINGS['order.status_changed'] as { variables: unknown }).variables,
    };
    for (const key of [auditor, passweb, stack.keys.auditor]) {
      expect((await stack.call('PUT', '/v1/bindings/order.status_changed', key, changed)).status).toBe(403);
      expect((await stack.call('POST', '/v1/templates/sync', key)).status).toBe(403);
      expect((await stack.call('DELETE', `/v1/subjects/${encodeURIComponent(phone(PEOPLE[0]))}`, key)).status).toBe(403);
    }
    expect((await stack.call('GET', '/v1/bindings', admin)).body).toEqual(before);

    for (const url of [
      `/v1/ledger/entries/${story.seqs[0]}/proof`,
      `/v1/events/${story.eventIds[0]}/proof`,
      `/v1/messages/${story.wamids[0]}/proof`,
      `/v1/contacts/${encodeURIComponent(phone(PEOPLE[0]))}`,
      `/v1/consents?phone=${encodeURIComponent(phone(PEOPLE[0]))}`,
    ]) {
      const res = await stack.call('GET', url, passweb);
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
      expect(JSON.stringify(res.body)).not.toContain(PEOPLE[0].digits);
    }
    // The auditor does read them (the proofs are anchored by now).
    expect((await stack.call('GET', `/v1/events/${story.eventIds[0]}/proof`, auditor)).status).toBe(200);
    expect((await stack.call('GET', `/v1/ledger/entries/${story.seqs[0]}/proof`, auditor)).status).toBe(200);
  });
});

describe('tenant isolation', () => {
  it("tenant B's keys read nothing of tenant A", async () => {
    const [p1, p2] = PEOPLE;
    for (const seq of story.seqs) {
      const res = await stack.call('GET', `/v1/ledger/entries/${seq}/proof`, keysB.auditor);
      expect({ seq, status: res.status }).toEqual({ seq, status: 404 });
    }
    for (const id of story.eventIds) {
      expect((await stack.call('GET', `/v1/events/${encodeURIComponent(id)}/proof`, keysB.auditor)).status).toBe(404);
      expect((await stack.call('GET', `/v1/events/${encodeURIComponent(id)}/proof?tenantId=${tenantA}`, keysB.auditor)).status).toBe(403);
    }
    for (const wamid of story.wamids) {
      expect((await stack.call('GET', `/v1/messages/${encodeURIComponent(wamid)}/proof`, keysB.auditor)).status).toBe(404);
      expect((await stack.call('GET', `/v1/messages/${encodeURIComponent(wamid)}/proof?tenantId=${tenantA}`, keysB.auditor)).status).toBe(403);
    }
    const leaks = (body: unknown) => {
      const text = JSON.stringify(body);
      return [...story.eventIds, ...story.notificationIds, ...story.wamids, tenantA].filter((s) => text.includes(s));
    };
    for (const p of [p1, p2]) {
      for (const key of [keysB.admin, keysB.auditor]) {
        const contact = await stack.call('GET', `/v1/contacts/${encodeURIComponent(phone(p))}`, key);
        expect(contact.status).toBe(200);
        expect(contact.body.messages).toEqual([]);
        expect(Object.values(contact.body.consent).filter(Boolean)).toEqual([]);
        expect(contact.body.window.lastInboundAt).toBeNull();
        expect(leaks(contact.body)).toEqual([]);
        const consents = await stack.call('GET', `/v1/consents?phone=${encodeURIComponent(phone(p))}`, key);
        expect(consents).toMatchObject({ status: 200, body: [] });
        expect((await stack.call('GET', `/v1/contacts/${encodeURIComponent(phone(p))}?tenantId=${tenantA}`, key)).status).toBe(403);
        expect((await stack.call('GET', `/v1/consents?phone=${encodeURIComponent(phone(p))}&tenantId=${tenantA}`, key)).status).toBe(403);
      }
    }
    for (const key of [keysB.admin, keysB.auditor, keysB.passweb]) {
      expect(await stack.call('GET', '/v1/templates', key)).toMatchObject({ status: 200, body: [] });
      expect(await stack.call('GET', '/v1/bindings', key)).toMatchObject({ status: 200, body: [] });
    }
    // A's catalog and bindings are there all the same.
    expect((await stack.call('GET', '/v1/templates', stack.tenantKeys!.admin)).body.length).toBeGreaterThan(0);
    expect((await stack.call('GET', '/v1/bindings', stack.tenantKeys!.admin)).body.length).toBe(2);
  });

  it("tenant B's writes do not touch tenant A: bindings, an event with A's id, erasure of A's subject", async () => {
    const bindingsA = (await stack.call('GET', '/v1/bindings', stack.tenantKeys!.admin)).body;
    const put = await stack.call('PUT', '/v1/bindings/order.status_changed', keysB.admin, DEMO_BINDINGS['order.status_changed']);
    expect(put.status).toBe(422); // B's catalog is empty: A's templates are not B's
    expect((await stack.call('GET', '/v1/bindings', stack.tenantKeys!.admin)).body).toEqual(bindingsA);

    // B re-uses A's event id: its own event, not A's answer.
    const [id] = story.eventIds;
    const own = await stack.call('POST', '/v1/events', keysB.passweb, {
      id,
      type: 'message.sent',
      occurredAt: new Date().toISOString(),
      recipient: { userId: 'u-b', phone: '+393475550311', language: 'it' },
      data: { firstName: 'Bea', messageSubject: 'Fattura' },
    });
    expect(own.status).toBe(202);
    expect(story.notificationIds).not.toContain(own.body.notificationId);
    const sameId = (await db.query('SELECT tenant_id FROM notifications WHERE event_id = $1 ORDER BY created_at', [id])).rows.map((r) => r.tenant_id);
    expect(sameId).toEqual([tenantA, tenantB]);
    expect((await db.query('SELECT tenant_id FROM notifications WHERE id = $1', [story.notificationIds[0]])).rows[0].tenant_id).toBe(tenantA);

    const entriesOfA = async () =>
      (await db.query('SELECT COUNT(*)::int AS n FROM ledger_entries WHERE tenant_id = $1 AND erased_at IS NULL AND salt IS NOT NULL', [tenantA])).rows[0].n;
    const before = await entriesOfA();
    for (const p of PEOPLE) {
      const erased = await stack.call('DELETE', `/v1/subjects/${encodeURIComponent(phone(p))}`, keysB.admin);
      expect(erased).toMatchObject({ status: 200, body: { erasedEntries: 0 } });
      expect((await stack.call('DELETE', `/v1/subjects/${encodeURIComponent(phone(p))}?tenantId=${tenantA}`, keysB.admin)).status).toBe(403);
    }
    expect(await entriesOfA()).toBe(before);
    expect((await db.query('SELECT COUNT(*)::int AS n FROM consents WHERE tenant_id = $1 AND phone IS NOT NULL', [tenantA])).rows[0].n).toBe(2);
    const contact = await stack.call('GET', `/v1/contacts/${encodeURIComponent(phone(PEOPLE[0]))}`, stack.tenantKeys!.admin);
    expect(contact.body.messages.map((m: { eventId: string }) => m.eventId)).toEqual([story.eventIds[0]]);
    expect((await stack.call('GET', `/v1/events/${story.eventIds[0]}/proof`, stack.tenantKeys!.auditor)).status).toBe(200);
  });
});

describe('webhook replay', () => {
  it('re-posting old validly signed statuses and an inbound STOP records nothing twice', async () => {
    await webhooksApplied();
    const records = stack.simulator!.control.webhooks('messages');
    const statuses = records.filter((r) => JSON.stringify(r.payload).includes('"statuses"'));
    const stops = records.filter((r) => JSON.stringify(r.payload).includes('"STOP"'));
    expect(statuses.length).toBeGreaterThanOrEqual(6);
    expect(stops).toHaveLength(1);

    const snapshot = async () => ({
      ledger: await ledgerCounts(),
      consents: (await db.query('SELECT COUNT(*)::int AS n FROM consents')).rows[0].n,
      optOuts: (await db.query("SELECT COUNT(*)::int AS n FROM consents WHERE phone = $1 AND action = 'opt_out'", [phone(PEOPLE[0])])).rows[0].n,
      statuses: (await db.query('SELECT COUNT(*)::int AS n FROM message_statuses')).rows[0].n,
      delivery: (await db.query('SELECT id, delivery_status FROM notifications ORDER BY id')).rows,
    });
    const before = await snapshot();
    expect(before.optOuts).toBe(1);
    const stored = async () => (await db.query('SELECT COUNT(*)::int AS n FROM webhook_payloads')).rows[0].n;
    const storedBefore = await stored();
    // Each old body twice, in reverse order (a `sent` after its `read`), byte for byte as signed.
    for (const record of [...statuses, ...stops].reverse().flatMap((r) => [r, r])) {
      expect(await rawWebhook(JSON.stringify(record.payload), record.signature)).toBe(200);
    }
    // Accepted (the signature is valid) and applied by the worker: harmless, not refused.
    expect(await stored()).toBe(storedBefore + 2 * (statuses.length + stops.length));
    await webhooksApplied();
    await new Promise((r) => setTimeout(r, 1_000));
    await webhooksApplied();
    expect(await snapshot()).toEqual(before);
    expect((await stack.call('GET', `/v1/consents?phone=${encodeURIComponent(phone(PEOPLE[0]))}`, stack.tenantKeys!.admin)).body).toHaveLength(1);
  }, 60_000);
});

describe('webhooks within their tenant (issue 13)', () => {
  const A_PN = '100000000000001';
  const A_WABA = '200000000000001';
  const B_PN = '100000000000002';
  const B_WABA = '200000000000002';
  const C_PN = '100000000000003';
  const C_WABA = '200000000000003';
  const ts = () => `${Math.floor(Date.now() / 1000)}`;
  const envelope = (...entries: { waba: string; pn: string | null; value: Record<string, unknown>; field?: string }[]) =>
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: entries.map((e) => ({
        id: e.waba,
        changes: [
          {
            field: e.field ?? 'messages',
            value: { messaging_product: 'whatsapp', ...(e.pn && { metadata: { display_phone_number: '390200000000', phone_number_id: e.pn } }), ...e.value },
          },
        ],
      })),
    });
  const signed = (body: string, secret: string) => rawWebhook(body, hubSignature(Buffer.from(body), secret));
  const inbound = (from: string, id: string, text: string) => ({ messages: [{ from, id, timestamp: ts(), type: 'text', text: { body: text } }] });
  const rejections = async (ref: string) =>
    (await db.query('SELECT at, kind, reason, tenant_id FROM webhook_rejections WHERE ref = $1 ORDER BY id', [ref])).rows;
  const rejectedMetric = async (reason: string) => {
    const text = await (await fetch(`${stack.apiUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith(`sigillo_webhook_parts_rejected{reason="${reason}"}`));
    return line ? Number(line.split(' ').at(-1)) : null;
  };
  /** Everything of tenant A a webhook could change. */
  const tenantAState = async () => ({
    ledger: (await db.query('SELECT type, COUNT(*)::int AS n FROM ledger_entries WHERE tenant_id = $1 GROUP BY type ORDER BY type', [tenantA])).rows,
    delivery: (await db.query('SELECT id, delivery_status FROM notifications WHERE tenant_id = $1 ORDER BY id', [tenantA])).rows,
    statuses: (await db.query('SELECT wamid, status, recorded_at FROM message_statuses WHERE tenant_id = $1 ORDER BY id', [tenantA])).rows,
    consents: (await db.query('SELECT phone, category, action FROM consents WHERE tenant_id = $1 ORDER BY id', [tenantA])).rows,
    inbound: (await db.query('SELECT message_id FROM inbound_messages WHERE tenant_id = $1 ORDER BY id', [tenantA])).rows,
  });

  it("a delivery signed with the deployment's secret naming B's number and A's message changes nothing of A, and is recorded as refused", async () => {
    await webhooksApplied();
    const before = await tenantAState();
    expect(before.delivery.map((d) => d.delivery_status)).toEqual(['read', 'read']);
    const metricBefore = (await rejectedMetric('wamid-of-another-tenant')) ?? 0;
    const [wamid] = story.wamids;
    const failed = {
      id: wamid,
      status: 'failed',
      timestamp: ts(),
      recipient_id: PEOPLE[0].digits,
      errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable' }],
    };
    const byCallback = {
      id: `wamid.forged${randomUUID().replace(/-/g, '')}`,
      status: 'failed',
      timestamp: ts(),
      recipient_id: PEOPLE[0].digits,
      biz_opaque_callback_data: story.notificationIds[0],
    };
    const forged = envelope(
      { waba: B_WABA, pn: B_PN, value: { statuses: [failed, byCallback] } },
      // A's own number under B's account, and a number nobody has: refused too.
      { waba: B_WABA, pn: A_PN, value: { statuses: [{ ...failed, status: 'delivered' }] } },
      { waba: A_WABA, pn: '100000000000999', value: { statuses: [{ ...failed, status: 'sent' }] } },
    );
    expect(await signed(forged, SIMULATOR_APP_SECRET)).toBe(200);
    await webhooksApplied();

    expect(await tenantAState()).toEqual(before);
    // Nothing recorded for the forged statuses, under any tenant: no ledger entry, no stored status.
    expect(
      (await db.query("SELECT 1 FROM ledger_entries WHERE type = 'message.status' AND body->>'wamid' = $1 AND body->>'status' = 'failed'", [wamid])).rowCount,
    ).toBe(0);
    expect(
      (await db.query('SELECT 1 FROM message_statuses WHERE (wamid = $1 AND tenant_id IS DISTINCT FROM $2) OR wamid = $3', [wamid, tenantA, byCallback.id]))
        .rowCount,
    ).toBe(0);
    expect(await rejections(wamid)).toEqual([
      { at: 'entry[0].changes[0].statuses[0]', kind: 'status', reason: 'wamid-of-another-tenant', tenant_id: tenantB },
      { at: 'entry[1].changes[0].statuses[0]', kind: 'status', reason: 'waba-id-mismatch', tenant_id: tenantA },
      { at: 'entry[2].changes[0].statuses[0]', kind: 'status', reason: 'unknown-phone-number-id', tenant_id: null },
    ]);
    expect(await rejections(byCallback.id)).toEqual([
      { at: 'entry[0].changes[0].statuses[1]', kind: 'status', reason: 'callback-of-another-tenant', tenant_id: tenantB },
    ]);
    expect(await rejectedMetric('wamid-of-another-tenant')).toBe(metricBefore + 1);
    // Delivered again (as Meta retries): refused again, as a second payload, and still harmless.
    expect(await signed(forged, SIMULATOR_APP_SECRET)).toBe(200);
    await webhooksApplied();
    expect(await rejectedMetric('wamid-of-another-tenant')).toBe(metricBefore + 2);
    expect(await tenantAState()).toEqual(before);
  }, 60_000);

  it("a STOP from A's customer to B's number is B's business, and naming B's number under A's account is refused", async () => {
    const [, p2] = PEOPLE;
    const before = await tenantAState();
    const optIns = before.consents.filter((c) => c.phone === phone(p2) && c.action === 'opt_in');
    expect(optIns).toHaveLength(1);
    const toB = `wamid.in${randomUUID().replace(/-/g, '')}`;
    const mismatched = `wamid.in${randomUUID().replace(/-/g, '')}`;
    const pref = { user_preferences: [{ wa_id: p2.digits, detail: 'stop', category: 'marketing_messages', value: 'stop', timestamp: Number(ts()) }] };
    const body = envelope(
      { waba: B_WABA, pn: B_PN, value: inbound(p2.digits, toB, 'STOP') },
      { waba: A_WABA, pn: B_PN, value: inbound(p2.digits, mismatched, 'STOP') },
      { waba: A_WABA, pn: B_PN, value: pref, field: 'user_preferences' },
    );
    expect(await signed(body, SIMULATOR_APP_SECRET)).toBe(200);
    await webhooksApplied();
    expect(await tenantAState()).toEqual(before);
    // B's own STOP is B's: B's consent, B's inbound message.
    expect((await db.query("SELECT 1 FROM consents WHERE tenant_id = $1 AND phone = $2 AND action = 'opt_out'", [tenantB, phone(p2)])).rowCount).toBe(1);
    expect((await db.query('SELECT tenant_id FROM inbound_messages WHERE message_id = $1', [toB])).rows).toEqual([{ tenant_id: tenantB }]);
    expect((await db.query('SELECT 1 FROM inbound_messages WHERE message_id = $1', [mismatched])).rowCount).toBe(0);
    expect(await rejections(mismatched)).toEqual([{ at: 'entry[1].changes[0].messages[0]', kind: 'inbound', reason: 'waba-id-mismatch', tenant_id: tenantB }]);
    expect(
      (await db.query("SELECT 1 FROM webhook_rejections WHERE at = 'entry[2].changes[0].user_preferences[0]' AND reason = 'waba-id-mismatch'")).rowCount,
    ).toBe(1);
    // A's marketing consent for p2 still stands.
    const consents = await stack.call('GET', `/v1/consents?phone=${encodeURIComponent(phone(p2))}`, stack.tenantKeys!.admin);
    expect(consents.body.map((c: { action: string }) => c.action)).toEqual(['opt_in']);
  }, 60_000);

  describe('a tenant with its own Meta app', () => {
    let tenantC: string;
    const cli = async (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const saved = process.env.DATABASE_URL;
      process.env.DATABASE_URL = stack.db.url;
      try {
        const code = await tenantCommand.run(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
        return { code, out: out.join('\n'), err: err.join('\n') };
      } finally {
        process.env.DATABASE_URL = saved;
      }
    };
    // Past TENANT_CACHE_MS: the api and the worker see the tenant's secret as the CLI left it.
    const cachesExpire = () => new Promise((r) => setTimeout(r, TENANT_CACHE_MS + 200));
    const inboundOf = async (id: string) => (await db.query('SELECT tenant_id FROM inbound_messages WHERE message_id = $1', [id])).rows.map((r) => r.tenant_id);
    const newId = () => `wamid.in${randomUUID().replace(/-/g, '')}`;

    beforeAll(async () => {
      const created = await cli([
        'create',
        '--name',
        'Negozio con app propria',
        '--phone-number-id',
        C_PN,
        '--waba-id',
        C_WABA,
        '--base-url',
        'https://graph.facebook.com',
        '--token',
        'sim-token-c',
        '--app-secret',
        APP_SECRET_C,
        '--json',
      ]);
      expect(created).toMatchObject({ code: 0, err: '' });
      expect(created.out).not.toContain(APP_SECRET_C);
      const { tenant } = JSON.parse(created.out);
      expect(tenant).toMatchObject({ phoneNumberId: C_PN, ownAppSecret: true });
      expect(tenant.appSecret).toBeUndefined();
      tenantC = tenant.id;
      const listed = await cli(['list', '--json']);
      expect(listed.out).not.toContain(APP_SECRET_C);
      expect(
        (
          await cli([
            'create',
            '--name',
            'x',
            '--phone-number-id',
            '9',
            '--waba-id',
            '9',
            '--base-url',
            'https://graph.facebook.com',
            '--token',
            't',
            '--app-secret',
            'short',
          ])
        ).code,
      ).toBe(2);
      await cachesExpire();
    }, 30_000);

    it("accepts its deliveries only signed with its own secret, never the deployment's", async () => {
      const deploymentSigned = newId();
      const body = envelope({ waba: C_WABA, pn: C_PN, value: inbound('393475550411', deploymentSigned, 'ciao') });
      // Signed: stored (Meta must not retry it forever), but C's part is refused.
      expect(await signed(body, SIMULATOR_APP_SECRET)).toBe(200);
      const ownSigned = newId();
      expect(await signed(envelope({ waba: C_WABA, pn: C_PN, value: inbound('393475550411', ownSigned, 'ciao') }), APP_SECRET_C)).toBe(200);
      expect(await signed(envelope({ waba: C_WABA, pn: C_PN, value: inbound('393475550411', newId(), 'ciao') }), 'a-guessed-secret-of-some-length')).toBe(401);
      await webhooksApplied();
      expect(await inboundOf(deploymentSigned)).toEqual([]);
      expect(await rejections(deploymentSigned)).toEqual([
        { at: 'entry[0].changes[0].messages[0]', kind: 'inbound', reason: 'signature-not-allowed', tenant_id: tenantC },
      ]);
      expect(await inboundOf(ownSigned)).toEqual([tenantC]);
    });

    it('its secret speaks for it alone: not for A, even in the same payload', async () => {
      const before = await tenantAState();
      // Naming only A: C's secret is not even tried, so nothing verifies the signature.
      expect(await signed(envelope({ waba: A_WABA, pn: A_PN, value: inbound(PEOPLE[1].digits, newId(), 'STOP') }), APP_SECRET_C)).toBe(401);
      const forA = newId();
      const forC = newId();
      const mixed = envelope(
        { waba: A_WABA, pn: A_PN, value: inbound(PEOPLE[1].digits, forA, 'STOP') },
        { waba: C_WABA, pn: C_PN, value: inbound('393475550411', forC, 'ciao') },
      );
      expect(await signed(mixed, APP_SECRET_C)).toBe(200);
      await webhooksApplied();
      expect(await tenantAState()).toEqual(before);
      expect(await rejections(forA)).toEqual([{ at: 'entry[0].changes[0].messages[0]', kind: 'inbound', reason: 'signature-not-allowed', tenant_id: tenantA }]);
      expect(await inboundOf(forC)).toEqual([tenantC]);
    });

    it('goes back to the deployment secret once its own is cleared', async () => {
      expect(await cli(['set-app-secret', '--id', tenantC, '--clear'])).toMatchObject({ code: 0 });
      expect((await cli(['set-app-secret', '--id', tenantC])).code).toBe(2);
      expect((await cli(['set-app-secret', '--id', randomUUID(), '--clear'])).code).toBe(1);
      await cachesExpire();
      const id = newId();
      expect(await signed(envelope({ waba: C_WABA, pn: C_PN, value: inbound('393475550411', id, 'ciao') }), SIMULATOR_APP_SECRET)).toBe(200);
      expect(await signed(envelope({ waba: C_WABA, pn: C_PN, value: inbound('393475550411', newId(), 'ciao') }), APP_SECRET_C)).toBe(401);
      await webhooksApplied();
      expect(await inboundOf(id)).toEqual([tenantC]);
    }, 30_000);
  });
});

describe('chain privacy', () => {
  it('no anchoring calldata or contract log carries a phone number, a name or an unsalted hash of a number', async () => {
    await waitAnchored();
    const needles: Record<string, string> = {};
    const addText = (what: string, text: string) => (needles[what] = Buffer.from(text, 'utf8').toString('hex'));
    const addBytes = (what: string, bytes: Buffer) => (needles[what] = bytes.toString('hex'));
    for (const p of PEOPLE) {
      const national = p.national.replace(/ /g, '');
      const forms = [`+${p.digits}`, p.digits, `00${p.digits}`, national, p.national, `+39 ${p.national}`];
      for (const form of forms) {
        addText(`number "${form}"`, form);
        const digest = createHash('sha256').update(form, 'utf8').digest();
        addBytes(`sha256("${form}") raw`, digest);
        addText(`sha256("${form}") hex`, digest.toString('hex'));
        addText(`sha256("${form}") HEX`, digest.toString('hex').toUpperCase());
        addText(`sha256("${form}") base64`, digest.toString('base64'));
        addBytes(`keccak256("${form}")`, Buffer.from(keccakId(form).slice(2), 'hex'));
      }
      // The number as an integer, and in packed BCD.
      addBytes(`number ${p.digits} as integer`, Buffer.from(BigInt(p.digits).toString(16).padStart(12, '0'), 'hex'));
      needles[`number ${p.digits} as BCD`] = p.digits;
      for (const name of [p.first, p.last, `${p.first} ${p.last}`]) {
        addText(`name "${name}"`, name);
        addText(`name "${name}" lower-case`, name.toLowerCase());
        addBytes(`sha256("${name}")`, createHash('sha256').update(name, 'utf8').digest());
      }
    }

    // Every block, every transaction with its receipt, and every log the contract emitted.
    const blobs: { where: string; hex: string }[] = [];
    const latest = await provider.getBlockNumber();
    let anchors = 0;
    const anchorSelector = new Contract(stack.chain.contract, NOTIFICATION_LEDGER_ABI).interface.getFunction('anchor')!.selector.slice(2);
    for (let n = 0; n <= latest; n++) {
      const block = await provider.send('eth_getBlockByNumber', [`0x${n.toString(16)}`, true]);
      blobs.push({ where: `block ${n} extraData`, hex: block.extraData });
      for (const tx of block.transactions as { hash: string; to: string | null; input: string }[]) {
        blobs.push({ where: `tx ${tx.hash} input`, hex: tx.input });
        if (tx.to?.toLowerCase() === stack.chain.contract.toLowerCase() && tx.input.slice(2, 10) === anchorSelector) anchors++;
        const receipt = await provider.send('eth_getTransactionReceipt', [tx.hash]);
        for (const log of receipt.logs as { data: string; topics: string[] }[])
          blobs.push({ where: `tx ${tx.hash} log`, hex: [log.data, ...log.topics].join('') });
      }
    }
    const logs = await provider.send('eth_getLogs', [{ address: stack.chain.contract, fromBlock: '0x0', toBlock: 'latest' }]);
    for (const log of logs as { data: string; topics: string[]; transactionHash: string }[])
      blobs.push({ where: `contract log in ${log.transactionHash}`, hex: [log.data, ...log.topics].join('') });
    expect(anchors).toBeGreaterThanOrEqual(1);
    const anchoredTopic = new Contract(stack.chain.contract, NOTIFICATION_LEDGER_ABI).interface.getEvent('CheckpointAnchored')!.topicHash;
    expect(logs.filter((l: { topics: string[] }) => l.topics[0] === anchoredTopic)).toHaveLength(anchors);

    const found: string[] = [];
    for (const { where, hex } of blobs) {
      const haystack = hex.toLowerCase().replace(/0x/g, '');
      for (const [what, needle] of Object.entries(needles)) if (haystack.includes(needle.toLowerCase())) found.push(`${what} in ${where}`);
    }
    expect(found).toEqual([]);
    // The scan does find what is there: the latest root is in the last anchoring transaction.
    const [, root] = await new Contract(stack.chain.contract, NOTIFICATION_LEDGER_ABI, provider).latest();
    expect(blobs.some((b) => b.hex.toLowerCase().includes((root as string).slice(2).toLowerCase()))).toBe(true);
  }, 120_000);
});

describe('the contract', () => {
  it('refuses a transaction from an account that is not the anchorer', async () => {
    const reader = new Contract(stack.chain.contract, NOTIFICATION_LEDGER_ABI, provider);
    const [size, root] = await reader.latest();
    for (const account of [hardhatAccounts[0], hardhatAccounts[2]]) {
      const stranger = new Contract(stack.chain.contract, NOTIFICATION_LEDGER_ABI, new Wallet(account.privateKey, provider));
      // Simulated, and sent for real with a fixed gas limit so no estimate stops it first.
      await expect(stranger.anchor.staticCall(size + 1n, `0x${'11'.repeat(32)}`, [])).rejects.toMatchObject({
        revert: { name: 'AccessControlUnauthorizedAccount' },
      });
      const sent = stranger.anchor(size + 1n, `0x${'11'.repeat(32)}`, [], { gasLimit: 300_000 }).then((tx: { wait: () => Promise<unknown> }) => tx.wait());
      await expect(sent).rejects.toThrow(/revert|AccessControlUnauthorizedAccount|CALL_EXCEPTION/i);
    }
    const [sizeAfter, rootAfter] = await reader.latest();
    expect([sizeAfter, rootAfter]).toEqual([size, root]);
  });

  it('refuses an inconsistent checkpoint from the anchorer itself', async () => {
    const anchorer = new Contract(stack.chain.contract, NOTIFICATION_LEDGER_ABI, new Wallet(stack.chain.anchorerKey, provider));
    const [size, root] = await anchorer.latest();
    expect(size).toBeGreaterThan(0n);
    const madeUp = [randomBytes(32), randomBytes(32), randomBytes(32)].map((b) => `0x${b.toString('hex')}`);
    await expect(anchorer.anchor.staticCall(size + 5n, `0x${randomBytes(32).toString('hex')}`, madeUp)).rejects.toMatchObject({
      revert: { name: 'InvalidConsistencyProof' },
    });
    await expect(anchorer.anchor.staticCall(size + 1n, `0x${randomBytes(32).toString('hex')}`, [])).rejects.toMatchObject({
      revert: { name: 'InvalidConsistencyProof' },
    });
    await expect(anchorer.anchor.staticCall(size, `0x${randomBytes(32).toString('hex')}`, [])).rejects.toMatchObject({
      revert: { name: 'TreeSizeNotIncreasing' },
    });
    expect(await anchorer.latest()).toEqual([size, root]);
  });
});

describe('logs', () => {
  it('no API key, provider token, app secret, checkpoint signer key or anchor private key appears in the api or worker logs', async () => {
    // Keys in the places a careless logger would pick them up: a query string, a refused header.
    const board = await fetch(`${stack.apiUrl}/admin/queues?key=${encodeURIComponent(stack.keys.admin)}`, { redirect: 'manual' });
    expect(board.status).toBe(303);
    expect(board.headers.get('location')).not.toContain(stack.keys.admin);
    expect((await fetch(`${stack.apiUrl}/admin/queues?key=${encodeURIComponent(stack.tenantKeys!.passweb)}`, { redirect: 'manual' })).status).toBe(403);
    expect((await stack.call('POST', '/v1/events', stack.tenantKeys!.auditor, {})).status).toBe(403);
    expect((await stack.call('GET', '/v1/templates', `${stack.tenantKeys!.admin}x`)).status).toBe(401);
    await stack.simulator!.control.idle();
    await waitAnchored();

    const anchorKey = stack.env.ANCHOR_PRIVATE_KEY;
    const signerKey = stack.env.CHECKPOINT_SIGNER_KEY;
    const secrets: Record<string, string> = {
      'provider token of tenant A': PROVIDER_TOKEN_A,
      'provider token of tenant B': PROVIDER_TOKEN_B,
      'app secret': SIMULATOR_APP_SECRET,
      "tenant C's own app secret": APP_SECRET_C,
      'webhook verify token': VERIFY_TOKEN,
      'checkpoint signer key': signerKey,
      'checkpoint signer key seed': signerKey.split('+').slice(4).join('+'),
      'anchor private key': anchorKey,
      'anchor private key without 0x': anchorKey.replace(/^0x/, ''),
    };
    for (const [who, keys] of [
      ['deployment', stack.keys],
      ['tenant A', stack.tenantKeys!],
      ['tenant B', keysB],
    ] as const) {
      for (const [role, key] of Object.entries(keys)) {
        secrets[`${who} ${role} key`] = key;
        secrets[`${who} ${role} key, secret part`] = key.replace(/^sk_[a-z]+_/, '');
      }
    }
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(50);
    const found = Object.entries(secrets)
      .filter(([, value]) => text.includes(value))
      .map(([what]) => what);
    expect(found).toEqual([]);
    // The capture holds both processes' lines: the worker's send and the api's refused requests.
    expect(text).toContain(story.notificationIds[0]);
    expect(lines.some((l) => l.includes('"context":"SendProcessor"'))).toBe(true);
    expect(lines.some((l) => l.includes('"route":"/v1/templates"') && l.includes('"statusCode":401'))).toBe(true);
  }, 60_000);
});

// Issue 16: the console's sessions are held to roles and tenants exactly as keys are.
describe('console sessions', () => {
  type Who = 'none' | 'admin' | 'support' | 'auditor' | 'global admin';
  const WHO: Who[] = ['none', 'admin', 'support', 'auditor', 'global admin'];
  const ALL = ['admin', 'support', 'auditor'];
  const sessions = {} as Record<Exclude<Who, 'none'>, ConsoleSession>;
  const accounts = {} as Record<Exclude<Who, 'none'>, string>;
  let bNotification: string;

  beforeAll(async () => {
    for (const role of ['admin', 'support', 'auditor'] as const) {
      accounts[role] = await createStaff(stack, tenantA, role, `${role}@security.test`);
      sessions[role] = await signIn(stack, tenantA, `${role}@security.test`);
    }
    accounts['global admin'] = await createStaff(stack, null, 'admin', 'operator@security.test');
    sessions['global admin'] = await signIn(stack, null, 'operator@security.test');
    const event = {
      id: `sec-b-${randomUUID()}`,
      type: 'cart.abandoned',
      occurredAt: new Date().toISOString(),
      recipient: { userId: 'u-b', phone: NOBODY, language: 'it' },
      data: { firstName: 'B' },
    };
    bNotification = (await stack.call('POST', '/v1/events', keysB.passweb, event)).body.notificationId;
  });

  /** Every console call, the staff roles it takes (null: the global operator only), and a request that writes nothing. */
  function routes(): { method: string; path: string; roles: string[] | null; body?: unknown }[] {
    const n = story.notificationIds[0];
    const p = encodeURIComponent(phone(PEOPLE[0]));
    const nobody = randomUUID();
    return [
      { method: 'GET', path: '/console/api/session', roles: ALL },
      { method: 'GET', path: '/console/api/messages', roles: ALL },
      { method: 'GET', path: `/console/api/messages/${n}`, roles: ALL },
      { method: 'GET', path: `/console/api/messages/${n}/proof`, roles: ALL },
      { method: 'GET', path: `/console/api/contacts/${p}`, roles: ALL },
      { method: 'POST', path: `/console/api/contacts/${p}/consents`, roles: ['admin', 'support'], body: {} },
      { method: 'DELETE', path: `/console/api/contacts/${p}`, roles: ['admin'], body: {} },
      { method: 'GET', path: '/console/api/templates', roles: ALL },
      { method: 'GET', path: '/console/api/bindings', roles: ALL },
      { method: 'PUT', path: '/console/api/bindings/order.status_changed', roles: ['admin'], body: {} },
      { method: 'POST', path: '/console/api/bindings/order.status_changed/preview', roles: ALL, body: {} },
      { method: 'GET', path: '/console/api/overview', roles: ALL },
      { method: 'GET', path: '/console/api/history', roles: ALL },
      { method: 'GET', path: '/console/api/staff', roles: ['admin'] },
      { method: 'POST', path: '/console/api/staff', roles: ['admin'], body: {} },
      { method: 'POST', path: `/console/api/staff/${nobody}/disable`, roles: ['admin'] },
      { method: 'GET', path: '/console/api/api-keys', roles: ['admin'] },
      { method: 'POST', path: '/console/api/api-keys', roles: ['admin'], body: {} },
      { method: 'POST', path: `/console/api/api-keys/${nobody}/revoke`, roles: ['admin'] },
      { method: 'GET', path: '/console/api/tenants', roles: null },
    ];
  }

  const withTenant = (path: string) => `${path}${path.includes('?') ? '&' : '?'}tenant=${tenantA}`;

  it('lets each staff role through only the calls of its role, on every console call, and writes nothing', async () => {
    const before = await ledgerCounts();
    const wrong: string[] = [];
    for (const route of routes()) {
      for (const who of WHO) {
        const session = who === 'none' ? null : sessions[who];
        const path = who === 'global admin' && route.path !== '/console/api/session' && route.roles !== null ? withTenant(route.path) : route.path;
        const res = await consoleCall(stack, session, route.method, path, route.body);
        const role = who === 'global admin' ? 'admin' : who;
        let expected: string;
        if (who === 'none') expected = '401';
        else if (route.roles === null) expected = who === 'global admin' ? 'through' : '403';
        else expected = route.roles.includes(role) ? 'through' : '403';
        const got = res.status === 401 || res.status === 403 ? String(res.status) : 'through';
        if (got !== expected) wrong.push(`${route.method} ${route.path} as ${who}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status >= 500) wrong.push(`${route.method} ${route.path} as ${who}: ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await ledgerCounts()).toEqual(before);
  }, 60_000);

  it("keys are held to their roles on the console's calls too, and need no CSRF token", async () => {
    const { admin, auditor, passweb } = stack.tenantKeys!;
    expect((await stack.call('GET', '/console/api/messages', auditor)).status).toBe(200);
    expect((await stack.call('GET', '/console/api/messages', passweb)).status).toBe(403);
    expect((await stack.call('PUT', '/console/api/bindings/order.status_changed', auditor, {})).status).toBe(403);
    expect((await stack.call('PUT', '/console/api/bindings/order.status_changed', admin, {})).status).toBe(400);
    // The session endpoint is for people, not keys.
    expect((await stack.call('GET', '/console/api/session', admin)).status).toBe(403);
  });

  it("answers 404 for another tenant's objects, as keys get", async () => {
    const { admin } = sessions;
    expect((await consoleCall(stack, admin, 'GET', `/console/api/messages/${bNotification}`)).status).toBe(404);
    expect((await consoleCall(stack, admin, 'GET', `/console/api/messages/${bNotification}/proof`)).status).toBe(404);
    expect((await consoleCall(stack, admin, 'GET', `/console/api/messages?tenant=${tenantB}`)).status).toBe(404);
    expect((await consoleCall(stack, admin, 'GET', `/console/api/bindings?tenant=${tenantB}`)).status).toBe(404);
    const list = await consoleCall(stack, admin, 'GET', '/console/api/messages?limit=200');
    expect(list.body.items.map((i: { notificationId: string }) => i.notificationId)).not.toContain(bNotification);
  });

  it('refuses every write with a missing or wrong CSRF token, whatever the role, and writes nothing', async () => {
    const before = await ledgerCounts();
    const writes = routes().filter((r) => r.method !== 'GET');
    for (const route of writes) {
      for (const csrf of ['missing', 'wrong'] as const) {
        const res = await consoleCall(stack, sessions.admin, route.method, route.path, route.body ?? { category: 'marketing', state: 'opt_in' }, csrf);
        expect({ route: `${route.method} ${route.path}`, csrf, status: res.status, message: res.body.message }).toEqual({
          route: `${route.method} ${route.path}`,
          csrf,
          status: 403,
          message: 'missing or wrong CSRF token',
        });
      }
    }
    // Another session's token is a wrong token.
    const other = { ...sessions.admin, csrfToken: sessions.support.csrfToken };
    expect(
      (
        await consoleCall(stack, other, 'POST', `/console/api/contacts/${encodeURIComponent(phone(PEOPLE[0]))}/consents`, {
          category: 'marketing',
          state: 'opt_in',
        })
      ).status,
    ).toBe(403);
    expect(await ledgerCounts()).toEqual(before);
  });

  it('refuses a session idle for 30 minutes, one past its 12 hours, and one of a disabled account', async () => {
    const idle = await signIn(stack, tenantA, 'auditor@security.test');
    const old = await signIn(stack, tenantA, 'auditor@security.test');
    await db.query("UPDATE staff_sessions SET last_seen_at = now() - interval '31 minutes' WHERE id = encode(sha256(convert_to($1, 'UTF8')), 'hex')", [
      idle.cookie.split('=')[1],
    ]);
    await db.query("UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE id = encode(sha256(convert_to($1, 'UTF8')), 'hex')", [
      old.cookie.split('=')[1],
    ]);
    expect((await consoleCall(stack, idle, 'GET', '/console/api/messages')).status).toBe(401);
    expect((await consoleCall(stack, old, 'GET', '/console/api/messages')).status).toBe(401);
    expect((await consoleCall(stack, sessions.auditor, 'GET', '/console/api/messages')).status).toBe(200);
    await stack.api.get(StaffAccountsService).disable(accounts.auditor, { tenantId: tenantA, anyTenant: false }, CLI_ACTOR);
    expect((await consoleCall(stack, sessions.auditor, 'GET', '/console/api/messages')).status).toBe(401);
    expect((await stack.call('POST', '/console/api/session', null, { tenant: tenantA, email: 'auditor@security.test', password: STAFF_PASSWORD })).status).toBe(
      401,
    );
    // A forged cookie is no session.
    expect((await consoleCall(stack, { ...sessions.admin, cookie: `sigillo_session=${'A'.repeat(43)}` }, 'GET', '/console/api/messages')).status).toBe(401);
  });

  it('no session token, CSRF token or staff password reaches a log line', () => {
    const text = lines.join('\n');
    for (const s of Object.values(sessions)) {
      expect(text).not.toContain(s.cookie.split('=')[1]);
      expect(text).not.toContain(s.csrfToken);
    }
    expect(text).not.toContain(STAFF_PASSWORD);
  });
});
