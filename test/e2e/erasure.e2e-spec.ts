import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ProofBundle } from '#sigillo/ledger';
import { subjectRef } from '#sigillo/ledger';
import { DEMO_BINDINGS, DEMO_PROMOTION_BINDING } from '../../scripts/dev/demo-bindings.js';
import { runCli } from '../support/cli.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

let stack: LedgerStack;
let db: pg.Client;
const tmp = mkdtempSync(join(tmpdir(), 'sigillo-erasure-e2e-'));

// Two data subjects of one tenant, with names nobody else in the test has.
const A = { phone: '+393331112233', first: 'Annalisa', last: 'Erasmi' };
const B = { phone: '+393334445566', first: 'Bruno', last: 'Bianchi' };
const digits = (phone: string) => phone.slice(1);

function cart(s: typeof A) {
  return {
    id: `evt-${randomUUID()}`,
    type: 'cart.abandoned',
    occurredAt: new Date().toISOString(),
    recipient: { userId: `u-${s.last}`, phone: s.phone, name: `${s.first} ${s.last}`, language: 'it' },
    data: { firstName: s.first, lastName: s.last, cartTotal: '20.00', cartItemCount: 1, siteUrl: 'https://shop.example/carrello/x1' },
  };
}

function message(s: typeof A) {
  return {
    id: `evt-${randomUUID()}`,
    type: 'message.sent',
    occurredAt: new Date().toISOString(),
    recipient: { userId: `u-${s.last}`, phone: s.phone, name: `${s.first} ${s.last}`, language: 'it' },
    data: { firstName: s.first, messageSubject: 'Ordine' },
  };
}

async function post(body: unknown) {
  const res = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, body);
  expect(res.status).toBe(202);
  return res.body as { decision: string; reason?: string; notificationId: string };
}

async function optIn(phone: string) {
  const res = await stack.call('POST', '/v1/consents', stack.tenantKeys!.passweb, {
    id: `c-${randomUUID()}`,
    phone,
    category: 'marketing',
    action: 'opt_in',
    source: 'checkout',
    evidence: { form: 'checkout-v3', textVersion: '2026-10', channel: `web ${phone}` },
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
  });
  expect(res.status).toBe(201);
}

const erase = (phone: string, key = stack.tenantKeys!.admin, query = '') => stack.call('DELETE', `/v1/subjects/${encodeURIComponent(phone)}${query}`, key);

async function read(notificationId: string) {
  await waitFor(
    'read',
    async () => (await db.query("SELECT 1 FROM notifications WHERE id = $1 AND delivery_status = 'read'", [notificationId])).rowCount === 1,
  );
}

async function treeSize(): Promise<number> {
  return Number((await db.query<{ n: string }>('SELECT COALESCE(MAX(seq) + 1, 0)::text AS n FROM ledger_entries')).rows[0].n);
}

/** Everything recorded so far sequenced, every webhook applied, and the whole log anchored. */
async function settled(): Promise<void> {
  await waitFor('every webhook processed', async () => (await db.query('SELECT 1 FROM webhook_payloads WHERE processed_at IS NULL')).rowCount === 0);
  await waitFor('every entry sequenced', async () => (await db.query('SELECT 1 FROM ledger_entries WHERE seq IS NULL')).rowCount === 0);
  const size = await treeSize();
  await waitFor(
    'the log anchored',
    async () => (await db.query("SELECT 1 FROM anchors WHERE status = 'CONFIRMED' AND tree_size >= $1", [size])).rowCount! > 0,
    30_000,
    200,
  );
}

function getProof(seq: number) {
  return stack.call('GET', `/v1/ledger/entries/${seq}/proof`, stack.tenantKeys!.auditor);
}

async function anchoredBundle(seq: number): Promise<ProofBundle> {
  return waitFor(
    `a bundle for entry ${seq}`,
    async () => {
      const res = await getProof(seq);
      if (res.status === 200) return res.body as ProofBundle;
      throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    },
    30_000,
    200,
  );
}

async function verify(name: string, bundle: ProofBundle) {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(bundle));
  return runCli(['verify', file, '--rpc', stack.chain.url, '--key', stack.verifierKey]);
}

function auditEnv(): Record<string, string> {
  return { DATABASE_URL: stack.db.url, CHAIN_RPC_URL: stack.chain.url, LEDGER_CONTRACT_ADDRESS: stack.chain.contract };
}

async function seqsOf(phone: string): Promise<number[]> {
  // Ordered by the table's column: the output column is text and would sort as text.
  const { rows } = await db.query<{ seq: string }>('SELECT e.seq::text AS seq FROM ledger_entries e WHERE e.subject_ref = $1 ORDER BY e.seq', [
    Buffer.from(subjectRef(stack.tenant!.id, phone)),
  ]);
  return rows.map((r) => Number(r.seq));
}

/** Every row of every table whose text, JSON or bytes contain `needle`: `table.column (count)`. */
async function rowsContaining(needle: string | Buffer): Promise<string[]> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
      WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'json', 'jsonb', 'bytea')`,
  );
  const bytes = typeof needle === 'string' ? Buffer.from(needle, 'utf8') : needle;
  const hits: string[] = [];
  for (const c of columns) {
    const column = `"${c.column_name}"`;
    const expr = c.data_type === 'bytea' ? `position($1::bytea in ${column})` : `position($1::bytea in convert_to(${column}::text, 'UTF8'))`;
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${c.table_name}" WHERE ${expr} > 0`, [bytes]);
    if (rows[0].n > 0) hits.push(`${c.table_name}.${c.column_name} (${rows[0].n})`);
  }
  return hits;
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

describe('erasure (right to be forgotten) by crypto-shredding', () => {
  let aSeqs: number[];
  let aWamids: string[];
  let aEventBody: ReturnType<typeof message>;
  let aBundleBefore: ProofBundle;
  let bSeq: number;
  let erasedSeq: number;

  it('records both subjects: events, sends and their statuses, inbound messages, consents; every entry about a subject carries its reference', async () => {
    await optIn(A.phone);
    aEventBody = message(A);
    await read((await post(aEventBody)).notificationId);
    await stack.simulator!.control.inbound({ from: digits(A.phone), text: 'ciao, sono Annalisa', name: `${A.first} ${A.last}` });
    const promo = await post(cart(A));
    expect(promo.decision).toBe('SEND');
    await read(promo.notificationId);
    await stack.simulator!.control.inbound({ from: digits(A.phone), text: 'STOP', name: `${A.first} ${A.last}` });
    await waitFor(
      'the opt-out',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND source = 'whatsapp-keyword'", [A.phone])).rowCount === 1,
    );
    expect(await post(cart(A))).toMatchObject({ decision: 'SKIP', reason: 'OPTED_OUT' });
    await stack.simulator!.control.setUserPreference(digits(A.phone), 'stop', `${A.first} ${A.last}`);
    await waitFor(
      'the preference',
      async () => (await db.query("SELECT 1 FROM consents WHERE phone = $1 AND source = 'meta-user-preferences'", [A.phone])).rowCount === 1,
    );

    await optIn(B.phone);
    const bMessage = await post(message(B));
    await read(bMessage.notificationId);
    await stack.simulator!.control.inbound({ from: digits(B.phone), text: 'grazie', name: `${B.first} ${B.last}` });
    await settled();

    aSeqs = await seqsOf(A.phone);
    // consent, 2 × (event, decision, submitted, 3 statuses), STOP, refused event + decision, preference
    expect(aSeqs).toHaveLength(1 + 2 * 6 + 1 + 2 + 1);
    const typesOfA = (await db.query<{ type: string }>('SELECT DISTINCT type FROM ledger_entries WHERE seq = ANY($1::bigint[])', [aSeqs])).rows
      .map((r) => r.type)
      .sort();
    expect(typesOfA).toEqual(['consent.changed/v2', 'event.received/v2', 'message.status', 'message.submitted/v2', 'notification.decided']);
    // Every entry whose content names A is one of A's entries.
    const naming = await db.query<{ seq: string }>('SELECT seq::text FROM ledger_entries WHERE position($1 in body::text) > 0', [digits(A.phone)]);
    expect(naming.rows.map((r) => Number(r.seq)).every((s) => aSeqs.includes(s))).toBe(true);
    // The reference is the one the migration computes in SQL for older entries.
    const sql = await db.query<{ same: boolean }>(
      `SELECT subject_ref = sha256(convert_to('sigillo.subject.v1' || E'\\n' || tenant_id::text || E'\\n' || $2, 'UTF8')) AS same FROM ledger_entries WHERE seq = $1`,
      [aSeqs[0], A.phone],
    );
    expect(sql.rows[0].same).toBe(true);

    aWamids = [
      ...(await db.query<{ wamid: string }>('SELECT wamid FROM notifications WHERE recipient = $1 AND wamid IS NOT NULL', [A.phone])).rows.map((r) => r.wamid),
      ...(await db.query<{ message_id: string }>('SELECT message_id FROM inbound_messages WHERE phone = $1', [A.phone])).rows.map((r) => r.message_id),
    ];
    expect(aWamids).toHaveLength(4);
    for (const needle of [digits(A.phone), A.last, ...aWamids]) expect(await rowsContaining(needle)).not.toEqual([]);

    aBundleBefore = await anchoredBundle(aSeqs[0]);
    bSeq = (await seqsOf(B.phone)).at(-1)!;
  });

  it('refuses other roles, a deployment-wide key without a tenant, another tenant and a bad number', async () => {
    expect((await erase(A.phone, stack.tenantKeys!.passweb)).status).toBe(403);
    expect((await erase(A.phone, stack.tenantKeys!.auditor)).status).toBe(403);
    expect((await erase(A.phone, stack.keys.admin)).status).toBe(400);
    expect((await erase(A.phone, stack.tenantKeys!.admin, `?tenantId=${randomUUID()}`)).status).toBe(403);
    const bad = await erase('not-a-phone');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^phone:/);
    expect(await seqsOf(A.phone)).toEqual(aSeqs);
  });

  it('erases A: salts and content of its entries, its personal fields everywhere, recorded by a subject.erased entry', async () => {
    const res = await erase(A.phone);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      erasedEntries: aSeqs.length,
      firstSeq: aSeqs[0],
      lastSeq: aSeqs.at(-1),
      subjectErasedSeq: expect.any(Number),
      receipt: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(res.body.redactedRows).toMatchObject({ events: 3, notifications: 3, cancelledSends: 0, consents: 3, inboundMessages: 2, customerWindows: 1 });
    expect(res.body.redactedRows.messageStatuses).toBeGreaterThanOrEqual(6);
    expect(res.body.redactedRows.webhookPayloads).toBeGreaterThanOrEqual(9);
    erasedSeq = res.body.subjectErasedSeq;

    // The erased entries: no salt, no content, no subject reference; the leaf hash kept.
    const { rows } = await db.query('SELECT salt, body, subject_ref, leaf_hash, erased_at FROM ledger_entries WHERE seq = ANY($1::bigint[])', [aSeqs]);
    expect(rows).toHaveLength(aSeqs.length);
    for (const r of rows)
      expect(r).toMatchObject({ salt: null, body: { erased: true }, subject_ref: null, erased_at: expect.any(Date), leaf_hash: expect.any(Buffer) });

    // Nothing anywhere still holds A's number, name, message ids or subject reference.
    for (const needle of [digits(A.phone), A.last, ...aWamids]) expect({ needle, rows: await rowsContaining(needle) }).toEqual({ needle, rows: [] });
    expect(await rowsContaining(Buffer.from(subjectRef(stack.tenant!.id, A.phone)))).toEqual([]);

    // What is not personal stays: decisions, consent categories and dates, delivery outcomes.
    const notifications = await db.query(
      'SELECT decision, reason, status, delivery_status, category FROM notifications WHERE recipient IS NULL ORDER BY created_at',
    );
    expect(notifications.rows.map((r) => [r.decision, r.reason, r.delivery_status])).toEqual([
      ['SEND', null, 'read'],
      ['SEND', null, 'read'],
      ['SKIP', 'OPTED_OUT', null],
    ]);
    const consents = await db.query('SELECT category, action, source FROM consents WHERE phone IS NULL ORDER BY occurred_at');
    expect(consents.rows.map((r) => r.action)).toEqual(['opt_in', 'opt_out', 'opt_out']);

    // The subject.erased entry: a salted reference only the receipt links to A, the count and range.
    const marker = (await db.query('SELECT type, body, subject_ref FROM ledger_entries WHERE seq = $1', [erasedSeq])).rows[0];
    expect(marker.type).toBe('subject.erased');
    expect(marker.subject_ref).toBeNull();
    expect(marker.body).toMatchObject({ tenantId: stack.tenant!.id, erasedEntries: aSeqs.length, firstSeq: aSeqs[0], lastSeq: aSeqs.at(-1) });
    expect(JSON.stringify(marker.body)).not.toContain(digits(A.phone));
    const expected = createHmac('sha256', Buffer.from(res.body.receipt, 'hex'))
      .update(`sigillo.subject-erased.v1\n${stack.tenant!.id}\n${A.phone}`)
      .digest('hex');
    expect(marker.body.subject).toBe(expected);
  });

  it("answers 410 for the bundles of A's entries; B's bundle and the erasure's own still verify on chain", async () => {
    for (const seq of [aSeqs[0], aSeqs.at(-1)!]) {
      const res = await getProof(seq);
      expect(res.status).toBe(410);
      expect(res.body).toMatchObject({ seq, erasedBySeq: erasedSeq });
      expect(res.body.message).toMatch(new RegExp(`^entry ${seq} was erased .*subject.erased entry at seq ${erasedSeq}`));
    }
    const b = await verify('b.json', await anchoredBundle(bSeq));
    expect(b.stdout).toMatch(new RegExp(`^OK .*entry ${bSeq}`));
    expect(b.code).toBe(0);
    const marker = await verify('subject-erased.json', await anchoredBundle(erasedSeq));
    expect(marker.code).toBe(0);
    // A bundle handed out before the erasure still proves what it proved: the tree did not change.
    // (Whoever keeps it keeps the data it holds; Sigillo no longer does.)
    expect((await verify('a-before.json', aBundleBefore)).code).toBe(0);
  });

  it("answers 410 for the story bundles of A's events and messages, naming the subject.erased entry, as for one entry", async () => {
    const erasedAt = (await db.query<{ at: Date }>('SELECT occurred_at AS at FROM ledger_entries WHERE seq = $1', [erasedSeq])).rows[0].at.toISOString();
    const stories: [string, string][] = [
      [`/v1/events/${encodeURIComponent(aEventBody.id)}/proof`, stack.tenantKeys!.auditor],
      [`/v1/messages/${encodeURIComponent(aWamids[0])}/proof`, stack.tenantKeys!.auditor],
      // A deployment-wide key, with and without naming the tenant.
      [`/v1/messages/${encodeURIComponent(aWamids[1])}/proof?tenantId=${stack.tenant!.id}`, stack.keys.auditor],
      [`/v1/messages/${encodeURIComponent(aWamids[1])}/proof`, stack.keys.auditor],
    ];
    for (const [url, key] of stories) {
      const res = await stack.call('GET', url, key);
      expect({ url, status: res.status }).toEqual({ url, status: 410 });
      expect(res.body).toEqual({
        statusCode: 410,
        error: 'Gone',
        message: expect.stringContaining(`was erased on ${erasedAt} (recorded by the subject.erased entry at seq ${erasedSeq}): `),
        erasedAt,
        erasedBySeq: erasedSeq,
      });
      // Meta's ids embed the number: the answer repeats neither.
      for (const needle of [digits(A.phone), ...aWamids]) expect(JSON.stringify(res.body)).not.toContain(needle);
    }
    expect((await stack.call('GET', stories[0][0], stack.tenantKeys!.auditor)).body.message).toMatch(
      new RegExp(`^the story of event ${aEventBody.id} was erased`),
    );
    // Unknown stays 404; the erasing entry's own bundle is served.
    expect((await stack.call('GET', `/v1/messages/${encodeURIComponent(`${aWamids[0]}x`)}/proof`, stack.tenantKeys!.auditor)).status).toBe(404);
    expect((await stack.call('GET', `/v1/events/${encodeURIComponent(`${aEventBody.id}x`)}/proof`, stack.tenantKeys!.auditor)).status).toBe(404);
    expect((await getProof(erasedSeq)).status).toBe(200);
  });

  it("passes `sigillo audit`, which reports A's entries as erased, and still names a tampered entry", async () => {
    const clean = await runCli(['audit', '--quiet'], auditEnv());
    expect(clean.stdout).toMatch(new RegExp(`^audit OK: \\d+ entries \\(${aSeqs.length} erased\\)`));
    expect(clean.stdout).toContain(`${aSeqs.length} entries erased by subject.erased at seq ${erasedSeq}\n`);
    expect(clean.code).toBe(0);

    const { rows } = await db.query('SELECT body FROM ledger_entries WHERE seq = $1', [bSeq]);
    await db.query(`UPDATE ledger_entries SET body = jsonb_set(body, '{status}', '"failed"') WHERE seq = $1`, [bSeq]);
    try {
      const tampered = await runCli(['audit', '--quiet'], auditEnv());
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toContain(`entry ${bSeq}: stored content does not match its leaf`);
      expect(tampered.stdout).not.toMatch(new RegExp(`entry (${aSeqs.join('|')}):`));
    } finally {
      await db.query('UPDATE ledger_entries SET body = $1 WHERE seq = $2', [rows[0].body, bSeq]);
    }
  });

  it('leaves B as it was, and A unknown', async () => {
    const b = await stack.call('GET', `/v1/contacts/${encodeURIComponent(B.phone)}`, stack.tenantKeys!.admin);
    expect(b.body.consent.marketing).toMatchObject({ action: 'opt_in' });
    expect(b.body.messages).toHaveLength(1);
    expect(b.body.window.lastInboundAt).not.toBeNull();
    expect((await post(cart(B))).decision).toBe('SEND');
    expect(await rowsContaining(B.last)).not.toEqual([]);

    const a = await stack.call('GET', `/v1/contacts/${encodeURIComponent(A.phone)}`, stack.tenantKeys!.admin);
    expect(a.body).toMatchObject({ messages: [], window: { open: false, lastInboundAt: null }, consent: { marketing: null, all: null } });
    // Passweb retrying an erased event gets its first answer: known, never sent again.
    const again = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, aEventBody);
    expect(again.status).toBe(202);
    expect(again.body.decision).toBe('SEND');
    expect(await rowsContaining(digits(A.phone))).toEqual([]);
  });

  it('makes a second erasure of A harmless: nothing left, nothing recorded, the audit still passes', async () => {
    const count = async () => Number((await db.query("SELECT count(*) FROM ledger_entries WHERE type = 'subject.erased'")).rows[0].count);
    const before = await count();
    // A deployment-wide admin key names the tenant.
    const res = await erase(A.phone, stack.keys.admin, `?tenantId=${stack.tenant!.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ erasedEntries: 0, subjectErasedSeq: null, receipt: null });
    expect(Object.values(res.body.redactedRows).every((n) => n === 0)).toBe(true);
    expect(await count()).toBe(before);
    await settled();
    const audit = await runCli(['audit', '--quiet'], auditEnv());
    expect(audit.code).toBe(0);
  });

  it('cancels a send still queued for the subject: it is never sent', async () => {
    const D = { phone: '+393335556677', first: 'Dario', last: 'Dimenticato' };
    const sent = await post(message(D));
    await read(sent.notificationId);
    // The same recipient again within RECIPIENT_MIN_INTERVAL_MS (6 s): the send waits in the queue.
    const queued = await post(message(D));
    expect(queued.decision).toBe('SEND');
    const res = await erase(D.phone);
    expect(res.status).toBe(200);
    expect(res.body.redactedRows.cancelledSends).toBe(1);
    expect((await db.query('SELECT status FROM notifications WHERE id = $1', [queued.notificationId])).rows[0].status).toBe('ERASED');
    await new Promise((r) => setTimeout(r, 7_000)); // past the recipient interval: the job has run
    expect(stack.simulator!.control.messages(digits(D.phone))).toHaveLength(1);
    expect((await db.query('SELECT status FROM notifications WHERE id = $1', [queued.notificationId])).rows[0].status).toBe('ERASED');
    expect((await db.query('SELECT 1 FROM send_attempts WHERE notification_id = $1', [queued.notificationId])).rowCount).toBe(0);
    for (const needle of [digits(D.phone), D.last]) expect(await rowsContaining(needle)).toEqual([]);
  });

  it("waits for the subject's entries to be sequenced before shredding them", async () => {
    const C = { phone: '+393337778899', first: 'Carla', last: 'Cancellata' };
    const first = stack.workers.shift()!;
    await first.close(); // no sequencer: C's entries stay pending
    try {
      expect(await post(cart(C))).toMatchObject({ decision: 'SKIP', reason: 'NO_MARKETING_CONSENT' });
      let answered = false;
      const erasure = erase(C.phone).then((r) => ((answered = true), r));
      await new Promise((r) => setTimeout(r, 1_000));
      expect(answered).toBe(false);
      expect((await db.query('SELECT 1 FROM ledger_entries WHERE seq IS NULL AND position($1 in body::text) > 0', [digits(C.phone)])).rowCount).toBe(1);
      await stack.startWorker();
      const res = await erasure;
      expect(res.status).toBe(200);
      expect(res.body.erasedEntries).toBe(2);
    } finally {
      if (stack.workers.length === 0) await stack.startWorker();
    }
    for (const needle of [digits(C.phone), C.last]) expect(await rowsContaining(needle)).toEqual([]);
    await settled();
    expect((await runCli(['audit', '--quiet'], auditEnv())).code).toBe(0);
  });
});
