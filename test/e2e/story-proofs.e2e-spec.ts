import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_PROMOTION_BINDING } from '../../scripts/dev/demo-bindings.js';
import { runCli } from '../support/cli.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';
import { entriesBreakingSchema } from '../support/entry-schemas.js';

let stack: LedgerStack;
let db: pg.Client;
const tmp = mkdtempSync(join(tmpdir(), 'sigillo-story-'));
const phone = '+393335550101';
const eventId = `promo-${randomUUID()}`;
let wamid: string;

beforeAll(async () => {
  stack = await LedgerStack.start({}, { simulator: { statusDelaysMs: [20, 40, 60] } });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  await stack.syncAndBind({ 'cart.abandoned': DEMO_PROMOTION_BINDING });
  const consent = await stack.call('POST', '/v1/consents', stack.tenantKeys!.passweb, {
    id: `c-${randomUUID()}`,
    phone,
    category: 'marketing',
    action: 'opt_in',
    source: 'checkout',
    evidence: { form: 'checkout-v3' },
    occurredAt: new Date(Date.now() - 1000).toISOString(),
  });
  expect(consent.status).toBe(201);
  const posted = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, {
    id: eventId,
    type: 'cart.abandoned',
    occurredAt: new Date().toISOString(),
    recipient: { userId: 'u-story', phone, language: 'it' },
    data: { firstName: 'Anna', lastName: 'Verdi', cartTotal: '42.00', cartItemCount: 2, siteUrl: 'https://shop.example/carrello/s1' },
  });
  expect(posted.body.decision).toBe('SEND');
  wamid = await waitFor('read', async () => {
    const { rows } = await db.query("SELECT wamid FROM notifications WHERE id = $1 AND delivery_status = 'read'", [posted.body.notificationId]);
    return rows[0]?.wamid as string | undefined;
  });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

async function story(path: string) {
  return waitFor(
    `the story at ${path}`,
    async () => {
      const res = await stack.call('GET', path, stack.tenantKeys!.auditor);
      if (res.status === 200) return res.body;
      if (res.status !== 202) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
      return null;
    },
    30_000,
    250,
  );
}

describe('story proofs', () => {
  it('proves a whole message: received, decided with its consent, submitted and every status; verify prints the timeline', async () => {
    const bundle = await story(`/v1/messages/${wamid}/proof`);
    expect(bundle.format).toBe('sigillo.story-bundle.v1');
    const types = bundle.entries.map((e: { canonical: string }) => JSON.parse(e.canonical).type);
    expect(types).toEqual(expect.arrayContaining(['consent.changed/v2', 'event.received/v2', 'notification.decided', 'message.submitted/v2']));
    expect(types.filter((t: string) => t === 'message.status')).toHaveLength(3);
    const file = join(tmp, 'story.json');
    writeFileSync(file, JSON.stringify(bundle));
    const result = await runCli(['verify', file, '--rpc', stack.chain.url]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.slice(0, -1).every((l) => l.startsWith('✓ seq '))).toBe(true);
    expect(result.stdout).toMatch(/notification\.decided\s+SEND\s+seasonal_promotion\/it/);
    expect(lines.at(-1)).toMatch(/^OK 7 entries of message wamid\./);
    expect(result.stdout).not.toContain(phone.slice(1)); // the timeline names no one
  });

  it('proves the same story by event id, and shows which entry fails when one is tampered', async () => {
    const bundle = await story(`/v1/events/${eventId}/proof`);
    expect(bundle.subject).toEqual({ kind: 'event', id: eventId });
    bundle.entries[2].salt = (bundle.entries[2].salt[0] === '0' ? '1' : '0') + bundle.entries[2].salt.slice(1);
    const file = join(tmp, 'tampered.json');
    writeFileSync(file, JSON.stringify(bundle));
    const result = await runCli(['verify', file, '--rpc', stack.chain.url]);
    expect(result.code).toBe(1);
    const marks = result.stdout
      .split('\n')
      .filter((l) => /^[✓✗] /.test(l))
      .map((l) => l[0]);
    expect(marks.filter((m) => m === '✗')).toHaveLength(1);
    expect(marks[2]).toBe('✗');
    expect(result.stdout).toMatch(/FAIL leaf:/);
  });

  it('answers 404 for unknown ids and keeps tenants apart', async () => {
    expect((await stack.call('GET', '/v1/messages/wamid.nope/proof', stack.tenantKeys!.auditor)).status).toBe(404);
    expect((await stack.call('GET', `/v1/events/${eventId}/proof`, stack.tenantKeys!.passweb)).status).toBe(403);
    expect((await stack.call('GET', `/v1/events/${eventId}/proof?tenantId=${randomUUID()}`, stack.keys.auditor)).status).toBe(404);
    expect((await stack.call('GET', `/v1/events/${eventId}/proof?tenantId=${stack.tenant!.id}`, stack.keys.auditor)).status).toBe(200);
  });

  // Issue 14: whatever the flows above logged matches its type's definition (docs/ledger-entries.md).
  it('logged only entries that match the schemas of their types', async () => {
    expect(await entriesBreakingSchema(db)).toEqual([]);
  });
});
