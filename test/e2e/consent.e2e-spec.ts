import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { ProofBundle } from '#sigillo/ledger';
import { bundleVerified, verifyBundleOffline } from '#sigillo/ledger';
import { DEMO_BINDINGS, DEMO_PROMOTION_BINDING } from '../../scripts/dev/demo-bindings.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

let stack: LedgerStack;
let db: pg.Client;
let phoneCounter = 0;

/** A fresh Italian mobile number per test: consent history is per number. */
function nextPhone(): string {
  return `+39333${String(3_000_000 + phoneCounter++).padStart(7, '0')}`;
}

function consent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `cons-${randomUUID()}`,
    phone: nextPhone(),
    category: 'marketing',
    action: 'opt_in',
    source: 'checkout-form',
    evidence: { form: 'checkout', textVersion: 'privacy-2025-07', channel: 'web', ipHash: 'sha256:9f86d081884c7d65' },
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

function cartEvent(phone: string, userId = `u-${randomUUID()}`) {
  return {
    id: `evt-${randomUUID()}`,
    type: 'cart.abandoned',
    occurredAt: new Date().toISOString(),
    recipient: { userId, phone, name: 'Giulia Rossi', language: 'it', groups: ['clienti'] },
    data: { firstName: 'Giulia', lastName: 'Rossi', cartTotal: '59.00', cartItemCount: 2, siteUrl: 'https://shop.example/carrello/c-77' },
  };
}

const postConsent = (body: unknown, key = stack.tenantKeys!.passweb) => stack.call('POST', '/v1/consents', key, body);
const postEvent = (body: unknown) => stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, body);
const historyOf = (phone: string, key = stack.tenantKeys!.admin, extra = '') =>
  stack.call('GET', `/v1/consents?phone=${encodeURIComponent(phone)}${extra}`, key);

async function consentCounts(): Promise<{ consents: number; entries: number }> {
  const { rows } = await db.query(
    `SELECT (SELECT COUNT(*) FROM consents)::int AS consents, (SELECT COUNT(*) FROM ledger_entries WHERE type = 'consent.changed/v2')::int AS entries`,
  );
  return rows[0];
}

beforeAll(async () => {
  stack = await LedgerStack.start({}, { simulator: {} });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  const admin = stack.tenantKeys!.admin;
  expect(await stack.call('POST', '/v1/templates/sync', admin)).toMatchObject({ status: 200 });
  const bound = await stack.call('PUT', '/v1/bindings/cart.abandoned', admin, DEMO_PROMOTION_BINDING);
  expect(bound.status === 200 ? null : bound.body).toBeNull();
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('POST /v1/consents', () => {
  it('records the change and its consent.changed entry, whose proof answers once anchored', async () => {
    const body = consent();
    const res = await postConsent(body);
    expect(res).toMatchObject({ status: 201, body: { consentId: expect.any(String), seq: null, created: true } });
    const { consentId } = res.body;

    const { rows } = await db.query(
      `SELECT c.client_id, c.phone, c.user_id, c.category, c.action, c.evidence, e.type, e.tenant_id::text AS tenant_id, e.body
         FROM consents c JOIN ledger_entries e ON e.id = c.ledger_entry_id WHERE c.id = $1`,
      [consentId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      client_id: body.id,
      phone: body.phone,
      user_id: null,
      category: 'marketing',
      action: 'opt_in',
      type: 'consent.changed/v2',
      tenant_id: stack.tenant!.id,
    });
    expect(rows[0].body).toEqual({
      tenantId: stack.tenant!.id,
      consentId,
      clientId: body.id,
      phone: body.phone,
      category: 'marketing',
      action: 'opt_in',
      source: 'checkout-form',
      evidence: body.evidence,
      occurredAt: new Date(body.occurredAt as string).toISOString(),
    });

    const item = await waitFor('the entry to be sequenced', async () => {
      const history = await historyOf(body.phone as string);
      expect(history.status).toBe(200);
      return history.body[0]?.seq !== null ? history.body[0] : null;
    });
    expect(item).toEqual({
      consentId,
      category: 'marketing',
      action: 'opt_in',
      source: 'checkout-form',
      evidence: body.evidence,
      occurredAt: new Date(body.occurredAt as string).toISOString(),
      recordedAt: expect.any(String),
      seq: expect.any(Number),
      proof: `/v1/ledger/entries/${item.seq}/proof`,
    });

    const first = await stack.call('GET', item.proof, stack.tenantKeys!.auditor);
    expect([200, 202]).toContain(first.status);
    const bundle = await waitFor('the proof bundle', async () => {
      const proof = await stack.call('GET', item.proof, stack.tenantKeys!.auditor);
      return proof.status === 200 ? (proof.body as ProofBundle) : null;
    });
    expect(JSON.parse(bundle.entry.canonical)).toMatchObject({ seq: item.seq, type: 'consent.changed/v2', body: { consentId, phone: body.phone } });
    expect(bundleVerified(verifyBundleOffline(bundle, stack.verifierKey))).toBe(true);

    // The answer to a repeat now carries the seq.
    expect(await postConsent(body)).toMatchObject({ status: 200, body: { consentId, seq: item.seq, created: false } });
  });

  it('records a client id once, whatever the repeats, also concurrent ones, with the first answer', async () => {
    const body = consent({ category: 'all', action: 'opt_out', source: 'crm' });
    const first = await postConsent(body);
    expect(first).toMatchObject({ status: 201, body: { created: true } });
    const repeats = await Promise.all([1, 2, 3, 4].map(() => postConsent(body)));
    for (const r of repeats) expect(r).toMatchObject({ status: 200, body: { consentId: first.body.consentId, created: false } });

    const racing = consent();
    const raced = await Promise.all([1, 2, 3, 4, 5].map(() => postConsent(racing)));
    expect(new Set(raced.map((r) => r.body.consentId)).size).toBe(1);
    expect(raced.filter((r) => r.status === 201)).toHaveLength(1);
    expect(raced.filter((r) => r.status === 200)).toHaveLength(4);

    for (const { id, answer } of [
      { id: body.id, answer: first.body },
      { id: racing.id, answer: raced[0].body },
    ]) {
      const { rows } = await db.query('SELECT id::text AS id FROM consents WHERE tenant_id = $1 AND client_id = $2', [stack.tenant!.id, id]);
      expect(rows).toEqual([{ id: answer.consentId }]);
      const entries = await db.query("SELECT 1 FROM ledger_entries WHERE type = 'consent.changed/v2' AND body->>'consentId' = $1", [answer.consentId]);
      expect(entries.rowCount).toBe(1);
    }
  });

  it('answers 409 to the same client id with another body, and records nothing more', async () => {
    const body = consent();
    expect((await postConsent(body)).status).toBe(201);
    const before = await consentCounts();
    const conflict = await postConsent({ ...body, action: 'opt_out' });
    expect(conflict.status).toBe(409);
    expect(await consentCounts()).toEqual(before);
  });

  it('answers bad bodies with 400 naming every field, never the phone, and writes nothing', async () => {
    const before = await consentCounts();
    const bad = await postConsent({
      id: 'has space',
      phone: '+39 333 000 000x',
      category: 'promo',
      action: 'maybe',
      source: '',
      evidence: { form: 3 },
      occurredAt: '2025-07-01',
    });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
      'action',
      'category',
      'evidence.form',
      'id',
      'occurredAt',
      'phone',
      'source',
    ]);
    expect(JSON.stringify(bad.body)).not.toContain('333 000');

    const both = await postConsent(consent({ userId: 'u-1' }));
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([{ field: 'userId', message: expect.stringContaining('exactly one') }]);
    const neither = await postConsent(consent({ phone: undefined }));
    expect(neither.body.errors).toEqual([{ field: 'phone', message: expect.stringContaining('exactly one') }]);
    const future = await postConsent(consent({ occurredAt: new Date(Date.now() + 2 * 86_400_000).toISOString() }));
    expect(future.body.errors).toEqual([{ field: 'occurredAt', message: 'is more than a day in the future' }]);
    const tooMuch = await postConsent(consent({ evidence: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])) }));
    expect(tooMuch.body.errors).toEqual([{ field: 'evidence', message: 'must have at most 20 keys' }]);
    const rawIp = await postConsent(consent({ evidence: { ipHash: '203.0.113.7' } }));
    expect(rawIp.body.errors).toEqual([{ field: 'evidence.ipHash', message: expect.any(String) }]);
    expect((await postConsent([consent()])).status).toBe(400);
    expect((await stack.call('POST', '/v1/consents', stack.tenantKeys!.passweb, '{"id": "broken"', { 'content-type': 'application/json' })).status).toBe(400);

    expect(await consentCounts()).toEqual(before);
  });

  it('resolves a userId to the phone of that user’s latest event, and answers 422 for an unknown user', async () => {
    const userId = `u-${randomUUID()}`;
    const oldPhone = nextPhone();
    const phone = nextPhone();
    expect((await postEvent({ ...cartEvent(oldPhone, userId), occurredAt: new Date(Date.now() - 60_000).toISOString() })).status).toBe(202);
    expect((await postEvent(cartEvent(phone, userId))).status).toBe(202);

    const res = await postConsent(consent({ phone: undefined, userId }));
    expect(res).toMatchObject({ status: 201, body: { created: true } });
    const { rows } = await db.query('SELECT phone, user_id FROM consents WHERE id = $1', [res.body.consentId]);
    expect(rows).toEqual([{ phone, user_id: userId }]);
    const { rows: entry } = await db.query("SELECT body FROM ledger_entries WHERE type = 'consent.changed/v2' AND body->>'consentId' = $1", [
      res.body.consentId,
    ]);
    expect(entry[0].body).toMatchObject({ phone, userId });

    const before = await consentCounts();
    const unknown = await postConsent(consent({ phone: undefined, userId: `u-${randomUUID()}` }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'userId', message: expect.any(String) }]);
    expect(await consentCounts()).toEqual(before);
  });
});

describe('consent decides MARKETING sends', () => {
  it('sends the promotion after an opt-in through the API, and refuses it with OPTED_OUT after an opt-out for all', async () => {
    const phone = nextPhone();
    expect((await postEvent(cartEvent(phone))).body).toMatchObject({ decision: 'SKIP', reason: 'NO_MARKETING_CONSENT' });

    const optIn = await postConsent(consent({ phone, category: 'marketing', action: 'opt_in' }));
    expect(optIn.status).toBe(201);
    const sent = await postEvent(cartEvent(phone));
    expect(sent.body).toMatchObject({ decision: 'SEND' });
    const { rows: decided } = await db.query("SELECT body FROM ledger_entries WHERE type = 'notification.decided' AND body->>'notificationId' = $1", [
      sent.body.notificationId,
    ]);
    expect(decided[0].body.consent).toMatchObject({ consentId: optIn.body.consentId, action: 'opt_in' });
    const [message] = await waitFor('the promotion', async () => {
      const list = await stack.simulator!.control.messages(phone.replace('+', ''));
      return list.length > 0 ? list : null;
    });
    expect(message.template.name).toBe('seasonal_promotion');

    const optOut = await postConsent(consent({ phone, category: 'all', action: 'opt_out', source: 'customer-care', evidence: { channel: 'phone-call' } }));
    expect(optOut.status).toBe(201);
    const refused = await postEvent(cartEvent(phone));
    expect(refused.body).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
    const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = 'notification.decided' AND body->>'notificationId' = $1", [
      refused.body.notificationId,
    ]);
    expect(rows[0].body.consent).toMatchObject({ consentId: optOut.body.consentId, action: 'opt_out' });

    const history = await historyOf(phone);
    expect(history.body.map((h: { consentId: string }) => h.consentId)).toEqual([optOut.body.consentId, optIn.body.consentId]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await stack.simulator!.control.messages(phone.replace('+', ''))).toHaveLength(1);
  });

  it('lets a utility template through a marketing opt-out', async () => {
    const phone = nextPhone();
    expect((await stack.call('PUT', '/v1/bindings/order.status_changed', stack.tenantKeys!.admin, DEMO_BINDINGS['order.status_changed'])).status).toBe(200);
    expect((await postConsent(consent({ phone, category: 'marketing', action: 'opt_out' }))).status).toBe(201);
    const order = {
      id: `evt-${randomUUID()}`,
      type: 'order.status_changed',
      occurredAt: new Date().toISOString(),
      recipient: { userId: 'u-order', phone, language: 'it' },
      data: { firstName: 'Giulia', documentCode: 'ORD-1', newStatus: 'Spedito', orderTotal: '10.00' },
    };
    expect((await postEvent(order)).body).toMatchObject({ decision: 'SEND' });
  });
});

describe('GET /v1/consents', () => {
  it('serves the history, newest first, to admin and auditor keys of the tenant', async () => {
    const phone = nextPhone();
    const older = await postConsent(consent({ phone, occurredAt: new Date(Date.now() - 3_600_000).toISOString() }));
    const newer = await postConsent(consent({ phone, action: 'opt_out' }));
    for (const key of [stack.tenantKeys!.admin, stack.tenantKeys!.auditor]) {
      const res = await historyOf(phone, key);
      expect(res.status).toBe(200);
      expect(res.body.map((h: { consentId: string }) => h.consentId)).toEqual([newer.body.consentId, older.body.consentId]);
    }
    // The query is normalised like a posted number.
    const national = await historyOf(phone.replace('+39', ''), stack.tenantKeys!.auditor);
    expect(national.body).toHaveLength(2);
    expect((await historyOf(nextPhone())).body).toEqual([]);
  });

  it('lets a deployment-wide key read a tenant it names', async () => {
    const phone = nextPhone();
    await postConsent(consent({ phone }));
    const unnamed = await historyOf(phone, stack.keys.auditor);
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.errors).toEqual([{ field: 'tenantId', message: expect.any(String) }]);
    const named = await historyOf(phone, stack.keys.auditor, `&tenantId=${stack.tenant!.id}`);
    expect(named.status).toBe(200);
    expect(named.body).toHaveLength(1);
    expect((await historyOf(phone, stack.keys.auditor, `&tenantId=${randomUUID()}`)).status).toBe(404);
    expect((await historyOf(phone, stack.tenantKeys!.auditor, `&tenantId=${randomUUID()}`)).status).toBe(403);
  });

  it('refuses other keys and bad queries', async () => {
    const phone = nextPhone();
    expect((await historyOf(phone, stack.tenantKeys!.passweb)).status).toBe(403);
    expect((await stack.call('GET', `/v1/consents?phone=${encodeURIComponent(phone)}`, null)).status).toBe(401);
    expect((await postConsent(consent(), stack.tenantKeys!.auditor)).status).toBe(403);
    expect((await postConsent(consent(), stack.tenantKeys!.admin)).status).toBe(403);

    const missing = await stack.call('GET', '/v1/consents', stack.tenantKeys!.admin);
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'phone', message: 'is required' }]);
    const bad = await historyOf('+39 000 000000', stack.tenantKeys!.admin);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'phone', message: expect.any(String) }]);
    expect(JSON.stringify(bad.body)).not.toContain('000 000000');
    expect((await stack.call('GET', `/v1/consents?phone=${encodeURIComponent(phone)}&phone=x`, stack.tenantKeys!.admin)).status).toBe(400);
  });
});
