import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { bsuidOf } from '../../apps/wa-simulator/src/messages/user-ids.js';
import { LedgerStack, SIMULATOR_APP_SECRET } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

// Everything the api and the worker log during a whole story — an event, its send, its delivery
// statuses, the user's STOP, lookups by phone — must name no person: no phone number in any
// spelling, no name, no API key, no provider token or secret. Logs go to log stores with other
// retention and access rules than the database, and erasure cannot reach them.

const PHONE_DIGITS = '393475550199';
const PHONE = `+${PHONE_DIGITS}`;
const USERNAME_BSUID = 'IT.7302576394655849';
const NATIONAL = '347 555 0199';
const FIRST = 'Ermenegilda';
const LAST = 'Pizzutti';
const REQUEST_ID = `pii-${randomUUID()}`;
const PROVIDER_TOKEN = 'sim-token'; // the token LedgerStack gives the tenant

const lines: string[] = [];
const capture: DestinationStream = { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) };

let stack: LedgerStack;
let db: pg.Client;

beforeAll(async () => {
  stack = await LedgerStack.start({ LOG_LEVEL: 'debug', RECIPIENT_MIN_INTERVAL_MS: '0' }, { simulator: {}, logDestination: capture });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  const admin = stack.tenantKeys!.admin;
  expect(await stack.call('POST', '/v1/templates/sync', admin)).toMatchObject({ status: 200 });
  expect(await stack.call('PUT', '/v1/bindings/order.status_changed', admin, DEMO_BINDINGS['order.status_changed'])).toMatchObject({ status: 200 });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

it('a full story through api and worker logs no phone number, name, key or token, and one request id across both', async () => {
  const passweb = stack.tenantKeys!.passweb;
  const event = {
    id: `pii-${randomUUID()}`,
    type: 'order.status_changed',
    occurredAt: new Date().toISOString(),
    recipient: { userId: 'u-pii', phone: NATIONAL, name: `${FIRST} ${LAST}`, language: 'it' },
    data: { firstName: FIRST, lastName: LAST, fullName: `${FIRST} ${LAST}`, documentCode: 'ORD-PII', newStatus: 'Spedito', orderTotal: '12.00' },
  };
  const accepted = await stack.call('POST', '/v1/events', passweb, event, { 'x-request-id': REQUEST_ID });
  expect(accepted).toMatchObject({ status: 202, body: { decision: 'SEND' } });
  const { notificationId } = accepted.body;
  await waitFor(
    'the message read',
    async () => (await db.query("SELECT 1 FROM notifications WHERE id = $1 AND delivery_status = 'read'", [notificationId])).rowCount === 1,
    60_000,
  );

  // The user answers STOP: inbound webhook, consent change, all in the worker.
  await stack.simulator!.control.inbound({ from: PHONE_DIGITS, text: 'STOP', name: `${FIRST} ${LAST}` });
  await waitFor('the opt-out', async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [PHONE])).rowCount === 1, 30_000);
  // A user who adopted a username: named by its business-scoped user id only, the BSUID is as personal as a number.
  await stack.simulator!.control.inbound({ from: '393475550198', userId: USERNAME_BSUID, hidePhone: true, text: 'STOP' });
  await waitFor(
    'the BSUID opt-out',
    async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND action = 'opt_out'", [USERNAME_BSUID])).rowCount === 1,
    30_000,
  );

  // Requests that carry the number in the path, the query and a refused body.
  expect((await stack.call('GET', `/v1/contacts/${encodeURIComponent(PHONE)}`, stack.tenantKeys!.admin)).status).toBe(200);
  expect((await stack.call('GET', `/v1/consents?phone=${encodeURIComponent(NATIONAL)}`, stack.tenantKeys!.admin)).status).toBe(200);
  const invalid = await stack.call('POST', '/v1/events', passweb, { ...event, id: `pii-${randomUUID()}`, data: { ...event.data, orderTotal: PHONE } });
  expect(invalid.status).toBe(400);
  expect((await stack.call('GET', '/v1/templates', `sk_passweb_${PHONE_DIGITS}`)).status).toBe(401);
  await waitFor(
    'every entry anchored',
    async () => (await db.query('SELECT 1 FROM ledger_entries WHERE seq IS NULL')).rowCount === 0 && (await stack.call('GET', '/health', null)).status === 200,
    30_000,
  );
  await stack.simulator!.control.idle();

  const wamids = stack.simulator!.control.messages(PHONE_DIGITS).map((m) => m.wamid);
  expect(wamids).toHaveLength(1);
  const secrets: Record<string, string> = {
    'E.164 digits': PHONE_DIGITS,
    'national number': NATIONAL,
    'national number, URL-encoded': encodeURIComponent(NATIONAL),
    'national digits': NATIONAL.replace(/ /g, ''),
    'first name': FIRST,
    'last name': LAST,
    'passweb key': passweb,
    'tenant admin key': stack.tenantKeys!.admin,
    'provider token': PROVIDER_TOKEN,
    'app secret': SIMULATOR_APP_SECRET,
    wamid: wamids[0].replace(/^wamid\./, ''),
    'BSUID of a username user': USERNAME_BSUID,
    'BSUID Meta gave the number': bsuidOf(PHONE_DIGITS).split('.')[1],
  };
  // A wamid carries the number in base64: look for it at each of the three alignments.
  for (const [i, encoded] of base64Alignments(PHONE_DIGITS).entries()) secrets[`number in base64 (${i})`] = encoded;

  const text = lines.join('\n');
  const found = Object.entries(secrets)
    .filter(([, value]) => text.includes(value))
    .map(([what]) => what);
  expect(found).toEqual([]);

  // The logs are JSON, and the id given to POST /v1/events is on the api's request line and on
  // the worker's line for the send it caused.
  const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(records.length).toBeGreaterThan(20);
  expect(records.find((r) => r.requestId === REQUEST_ID && r.route === '/v1/events' && r.statusCode === 202)).toMatchObject({
    msg: 'request completed',
    method: 'POST',
  });
  expect(records.find((r) => r.requestId === REQUEST_ID && r.notificationId === notificationId)).toMatchObject({
    msg: 'send submitted',
    context: 'SendProcessor',
  });
  // The refused requests are logged by route pattern and status only.
  expect(records.find((r) => r.route === '/v1/contacts/:phone')).toMatchObject({ statusCode: 200 });
  expect(records.some((r) => r.route === '/v1/templates' && r.statusCode === 401)).toBe(true);
});

/** Base64 of `value` at byte offsets 0, 1 and 2, without the characters that depend on neighbours. */
function base64Alignments(value: string): string[] {
  return [0, 1, 2].map((offset) => {
    const encoded = Buffer.concat([Buffer.alloc(offset), Buffer.from(value, 'latin1')]).toString('base64');
    // Characters mixing bits of the padding (first group) or of whatever follows (last group) vary.
    const stable = encoded.slice([0, 2, 3][offset]).replace(/=+$/, '');
    return stable.slice(0, stable.length - 3);
  });
}
