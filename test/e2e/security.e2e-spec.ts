import { Contract, JsonRpcProvider, Wallet, id as keccakId } from 'ethers';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { hardhatAccounts } from '../../libs/chain/src/local-node.js';
import { NOTIFICATION_LEDGER_ABI } from '../../libs/chain/src/notification-ledger-abi.js';
import { TenantsService } from '../../libs/tenants/src/tenants.service.js';
import { hubSignature } from '../../libs/webhooks/src/webhook-signature.js';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { LedgerStack, SIMULATOR_APP_SECRET } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

// Security checks (issue 6 §3): each key role does only its own things, tenants are isolated, a
// replayed webhook is harmless, nothing personal reaches the chain, the contract refuses strangers
// and inconsistent checkpoints, and no secret reaches a log line.

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
      data: { firstName: p1.first, lastName: p1.last, fullName: `${p1.first} ${p1.last}`, documentCode: 'ORD-SEC-1', newStatus: 'Spedito', orderTotal: '12.00' },
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
    await waitFor('the message read', async () => (await db.query("SELECT 1 FROM notifications WHERE id = $1 AND delivery_status = 'read'", [id])).rowCount === 1, 60_000);
  }
  story.wamids = (await db.query('SELECT wamid FROM notifications WHERE id = ANY($1::uuid[]) ORDER BY created_at', [story.notificationIds])).rows.map((r) => r.wamid);
  await stack.simulator!.control.inbound({ from: p1.digits, text: 'STOP', name: `${p1.first} ${p1.last}` });
  await waitFor('the opt-out', async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [phone(p1)])).rowCount === 1, 30_000);
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
  story.seqs = (await db.query('SELECT seq FROM ledger_entries WHERE tenant_id = $1 AND seq IS NOT NULL ORDER BY seq', [tenantA])).rows.map((r) => Number(r.seq));
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
  const res = await fetch(`${stack.apiUrl}/v1/webhooks/whatsapp`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
  await res.arrayBuffer();
  return res.status;
}

async function webhooksApplied(): Promise<void> {
  await waitFor('every webhook payload applied', async () => (await db.query('SELECT 1 FROM webhook_payloads WHERE processed_at IS NULL')).rowCount === 0, 30_000);
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
  const openapi = JSON.parse(readFileSync(join(process.cwd(), 'docs/openapi.json'), 'utf8')) as { paths: Record<string, Record<string, { 'x-key-roles'?: string[] }>> };
  const documented = Object.entries(openapi.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, roles: op['x-key-roles'] })));
  /** Routes that act for the key's own tenant: a deployment-wide key is refused (403). */
  const TENANT_BOUND = new Set(['POST /v1/events', 'POST /v1/consents', 'GET /v1/templates', 'POST /v1/templates/sync', 'GET /v1/bindings', 'PUT /v1/bindings/{eventType}']);
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
        return { url: '/v1/webhooks/whatsapp', body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(Buffer.from(body), SIMULATOR_APP_SECRET) } };
      }
      case 'GET /v1/contacts/{phone}':
        return { url: `/v1/contacts/${encodeURIComponent(phone(PEOPLE[0]))}?${t}` };
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
    const changed = { templates: [{ name: 'order_status_update', language: 'en' }], variables: (DEMO_BINDINGS['order.status_changed'] as { variables: unknown }).variables };
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

    const entriesOfA = async () => (await db.query('SELECT COUNT(*)::int AS n FROM ledger_entries WHERE tenant_id = $1 AND erased_at IS NULL AND salt IS NOT NULL', [tenantA])).rows[0].n;
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
        for (const log of receipt.logs as { data: string; topics: string[] }[]) blobs.push({ where: `tx ${tx.hash} log`, hex: [log.data, ...log.topics].join('') });
      }
    }
    const logs = await provider.send('eth_getLogs', [{ address: stack.chain.contract, fromBlock: '0x0', toBlock: 'latest' }]);
    for (const log of logs as { data: string; topics: string[]; transactionHash: string }[]) blobs.push({ where: `contract log in ${log.transactionHash}`, hex: [log.data, ...log.topics].join('') });
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
      await expect(stranger.anchor.staticCall(size + 1n, `0x${'11'.repeat(32)}`, [])).rejects.toMatchObject({ revert: { name: 'AccessControlUnauthorizedAccount' } });
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
    await expect(anchorer.anchor.staticCall(size + 5n, `0x${randomBytes(32).toString('hex')}`, madeUp)).rejects.toMatchObject({ revert: { name: 'InvalidConsistencyProof' } });
    await expect(anchorer.anchor.staticCall(size + 1n, `0x${randomBytes(32).toString('hex')}`, [])).rejects.toMatchObject({ revert: { name: 'InvalidConsistencyProof' } });
    await expect(anchorer.anchor.staticCall(size, `0x${randomBytes(32).toString('hex')}`, [])).rejects.toMatchObject({ revert: { name: 'TreeSizeNotIncreasing' } });
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
      'webhook verify token': VERIFY_TOKEN,
      'checkpoint signer key': signerKey,
      'checkpoint signer key seed': signerKey.split('+').slice(4).join('+'),
      'anchor private key': anchorKey,
      'anchor private key without 0x': anchorKey.replace(/^0x/, ''),
    };
    for (const [who, keys] of [['deployment', stack.keys], ['tenant A', stack.tenantKeys!], ['tenant B', keysB]] as const) {
      for (const [role, key] of Object.entries(keys)) {
        secrets[`${who} ${role} key`] = key;
        secrets[`${who} ${role} key, secret part`] = key.replace(/^sk_[a-z]+_/, '');
      }
    }
    const text = lines.join('\n');
    expect(lines.length).toBeGreaterThan(50);
    const found = Object.entries(secrets).filter(([, value]) => text.includes(value)).map(([what]) => what);
    expect(found).toEqual([]);
    // The capture holds both processes' lines: the worker's send and the api's refused requests.
    expect(text).toContain(story.notificationIds[0]);
    expect(lines.some((l) => l.includes('"context":"SendProcessor"'))).toBe(true);
    expect(lines.some((l) => l.includes('"route":"/v1/templates"') && l.includes('"statusCode":401'))).toBe(true);
  }, 60_000);
});
