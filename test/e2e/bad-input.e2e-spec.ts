// Issue 6 §2: a generated corpus of bad input against every endpoint and the CLI. Every case is
// refused with a 4xx (the CLI: exit 1 or 2) that names the problem, without a stack trace or a
// personal value, and the whole corpus writes no row. `npm run build` first (the CLI runs from dist/).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { hubSignature } from '#sigillo/webhooks';
import { buildHttpCorpus, type BadCase, type KeyRef } from '../support/bad-input-corpus.js';
import { seededRandom } from '../support/seeded-random.js';
import { runCli } from '../support/cli.js';
import { LedgerStack, SIMULATOR_APP_SECRET } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

let stack: LedgerStack;
let db: pg.Client;
let bundleText: string;

const CONCURRENCY = 16;
const STACK_TRACE = /\n\s+at |\bat [\w.<>]+ \(|\.ts:\d|\.js:\d+:\d|node_modules/;

/** A status webhook Meta could send: signed, stored once before the corpus, then replayed. */
const VALID_WEBHOOK = JSON.stringify({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '200000000000001',
      changes: [
        {
          field: 'messages',
          value: {
            metadata: { phone_number_id: '100000000000001' },
            statuses: [{ id: 'wamid.badinputreplay', status: 'delivered', timestamp: '1795255203', recipient_id: '393330009999' }],
          },
        },
      ],
    },
  ],
});

interface Outcome {
  family: string;
  name: string;
  status: number;
  problems: string[];
}

const rows: Outcome[] = [];

async function tableCounts(): Promise<Record<string, number>> {
  const { rows: tables } = await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_prisma%' ORDER BY tablename");
  const out: Record<string, number> = {};
  for (const { tablename } of tables) out[tablename] = Number((await db.query(`SELECT COUNT(*) FROM "${tablename}"`)).rows[0].count);
  return out;
}

/** Counts once the worker is idle: two reads a second apart agree. */
async function settledCounts(): Promise<Record<string, number>> {
  let last = JSON.stringify(await tableCounts());
  return waitFor(
    'row counts to settle',
    async () => {
      await new Promise((r) => setTimeout(r, 1000));
      const now = await tableCounts();
      const same = JSON.stringify(now) === last;
      last = JSON.stringify(now);
      return same ? now : null;
    },
    30_000,
    10,
  );
}

function authHeader(key: KeyRef): Record<string, string> {
  if (key === 'none') return {};
  if (typeof key === 'object') return { authorization: key.raw };
  const value = key === 'deploy-auditor' ? stack.keys.auditor : key === 'deploy-admin' ? stack.keys.admin : stack.tenantKeys![key];
  return { authorization: `Bearer ${value}` };
}

async function send(c: BadCase): Promise<{ status: number; text: string }> {
  let body: Buffer | string | undefined;
  if (c.body === undefined) body = undefined;
  else if (typeof c.body === 'string' || Buffer.isBuffer(c.body)) body = c.body as string | Buffer;
  else body = JSON.stringify(c.body);
  const headers: Record<string, string> = { ...authHeader(c.key), ...(c.headers ?? {}) };
  if (body !== undefined && c.contentType !== null) headers['content-type'] = c.contentType ?? 'application/json';
  if (c.sign) {
    const over = c.sign.over ?? body ?? '';
    const sig = hubSignature(Buffer.isBuffer(over) ? over : Buffer.from(over), c.sign.secret ?? SIMULATOR_APP_SECRET);
    headers['x-hub-signature-256'] = c.sign.mangle ? c.sign.mangle(sig) : sig;
  }
  const res = await fetch(`${stack.apiUrl}${c.path}`, { method: c.method, headers, body });
  return { status: res.status, text: await res.text() };
}

/** What is wrong with an answer to a bad request (empty: as it should be). */
function judge(c: BadCase, status: number, text: string): string[] {
  const problems: string[] = [];
  if (status < 400 || status >= 500) problems.push(`status ${status}`);
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  const named =
    body &&
    ((typeof body.message === 'string' && body.message.length > 0) ||
      (Array.isArray(body.message) && body.message.length > 0) ||
      (Array.isArray(body.errors) && body.errors.some((e: any) => typeof e?.field === 'string')));
  if (!named) problems.push(`the body names no problem: ${text.slice(0, 120)}`);
  if (STACK_TRACE.test(text)) problems.push(`stack trace: ${text.slice(0, 200)}`);
  for (const p of c.personal ?? []) if (text.includes(p)) problems.push(`echoes ${p}`);
  return problems;
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

function printTable(outcomes: Outcome[]): void {
  const byFamily = new Map<string, { count: number; statuses: Map<number, number> }>();
  for (const o of outcomes) {
    const f = byFamily.get(o.family) ?? { count: 0, statuses: new Map() };
    f.count++;
    f.statuses.set(o.status, (f.statuses.get(o.status) ?? 0) + 1);
    byFamily.set(o.family, f);
  }
  const lines = [...byFamily].map(([family, f]) => [
    family,
    String(f.count),
    [...f.statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s}×${n}`)
      .join(' '),
  ]);
  lines.push(['total', String(outcomes.length), '']);
  const w = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i].length), ['family', 'cases', 'status codes'][i].length));
  const fmt = (l: string[]) => l.map((c, i) => c.padEnd(w[i])).join(' | ');
  console.log(['bad-input corpus', fmt(['family', 'cases', 'status codes']), w.map((n) => '-'.repeat(n)).join('-|-'), ...lines.map(fmt)].join('\n'));
}

beforeAll(async () => {
  stack = await LedgerStack.start({ RATE_LIMIT_PER_MINUTE: '1000000' }, { simulator: {} });
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  // A valid signed webhook, stored and processed before the corpus: the corpus replays it.
  const first = await send({ family: 'setup', name: 'webhook', method: 'POST', path: '/v1/webhooks/whatsapp', key: 'none', body: VALID_WEBHOOK, sign: {} });
  expect(first.status).toBe(200);
  await waitFor('the webhook processed', async () => (await db.query('SELECT 1 FROM webhook_payloads WHERE processed_at IS NULL')).rowCount === 0, 20_000);
  // A catalog, a binding and one accepted event: ledger entries, and a real anchored proof bundle
  // for the CLI cases to break.
  expect((await stack.call('POST', '/v1/templates/sync', stack.tenantKeys!.admin)).status).toBe(200);
  expect((await stack.call('PUT', '/v1/bindings/message.sent', stack.tenantKeys!.admin, DEMO_BINDINGS['message.sent'])).status).toBe(200);
  const accepted = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, {
    id: 'evt-bad-input-setup',
    type: 'message.sent',
    occurredAt: new Date().toISOString(),
    recipient: { userId: 'u-setup', phone: '+393330008888', language: 'it' },
    data: { firstName: 'Luca', messageSubject: 'Fattura' },
  });
  expect(accepted.status).toBe(202);
  const seq = await waitFor(
    'a ledger entry',
    async () => (await db.query('SELECT MAX(seq)::text AS seq FROM ledger_entries')).rows[0].seq as string | null,
    20_000,
  );
  bundleText = await waitFor(
    `an anchored proof of entry ${seq}`,
    async () => {
      const res = await fetch(`${stack.apiUrl}/v1/ledger/entries/${seq}/proof`, { headers: { authorization: `Bearer ${stack.keys.auditor}` } });
      return res.status === 200 ? res.text() : null;
    },
    30_000,
    300,
  );
}, 120_000);

afterAll(async () => {
  await db?.end();
  await stack?.stop();
});

describe('bad input', () => {
  it('refuses every case of the generated corpus with a 4xx naming the problem, and writes no row', async () => {
    const corpus = buildHttpCorpus();
    const replays: BadCase[] = Array.from({ length: 20 }, (_, i) => ({
      family: 'webhook-replays',
      name: `replay ${i}`,
      method: 'POST',
      path: '/v1/webhooks/whatsapp',
      key: 'none',
      body: VALID_WEBHOOK,
      sign: {},
    }));
    const before = await settledCounts();
    const failures: string[] = [];
    await pool(corpus, CONCURRENCY, async (c) => {
      const { status, text } = await send(c);
      const problems = judge(c, status, text);
      rows.push({ family: c.family, name: c.name, status, problems });
      if (problems.length) failures.push(`[${c.family}] ${c.name}: ${problems.join('; ')}`);
    });
    // Replays of a valid signed body: accepted (200, Meta must not retry), stored, no second effect.
    await pool(replays, 10, async (c) => {
      const { status } = await send(c);
      rows.push({ family: c.family, name: c.name, status, problems: [] });
      if (status !== 200) failures.push(`[replay] ${c.name}: status ${status}`);
    });
    await waitFor('the replays processed', async () => (await db.query('SELECT 1 FROM webhook_payloads WHERE processed_at IS NULL')).rowCount === 0, 20_000);
    const after = await settledCounts();
    printTable(rows);
    expect(failures).toEqual([]);
    expect(corpus.length).toBeGreaterThanOrEqual(1000);
    expect(after).toEqual({ ...before, webhook_payloads: before.webhook_payloads + replays.length });
  }, 120_000);

  it('the CLI refuses truncated, bit-flipped, non-JSON, wrong-typed and huge bundles with exit 1 or 2, never a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sigillo-bad-bundles-'));
    const rnd = seededRandom(66);
    const bundle = JSON.parse(bundleText);
    const files: { family: string; name: string; text: string | Buffer }[] = [];
    for (let i = 0; i < 10; i++) {
      const cut = Math.floor(rnd() * bundleText.length);
      files.push({ family: 'cli-truncated', name: `cut at ${cut}`, text: bundleText.slice(0, cut) });
    }
    for (let i = 0; i < 16; i++) {
      const buf = Buffer.from(bundleText);
      const at = Math.floor(rnd() * buf.length);
      buf[at] ^= 1 << Math.floor(rnd() * 8);
      files.push({ family: 'cli-bit-flipped', name: `byte ${at}`, text: buf });
    }
    for (const text of ['', 'not json', '<bundle/>', '{', Buffer.from([0xff, 0xfe, 0x00]), 'null', '[]', '42', '"x"']) {
      files.push({ family: 'cli-non-json', name: JSON.stringify(String(text).slice(0, 12)), text });
    }
    const leaves = [
      'format',
      'entry',
      'entry.seq',
      'entry.canonical',
      'entry.salt',
      'leafIndex',
      'leafHash',
      'checkpoint',
      'checkpoint.note',
      'checkpoint.verifierKey',
      'inclusionProof',
      'anchor',
      'anchor.chainId',
      'anchor.txHash',
      'anchor.treeSize',
      'anchor.root',
      'consistencyProof',
    ];
    const wrong = [null, 42, 'x', [], {}, -1, true];
    for (const path of leaves) {
      const value = wrong[Math.floor(rnd() * wrong.length)];
      const copy = structuredClone(bundle);
      const parts = path.split('.');
      let node = copy;
      for (const p of parts.slice(0, -1)) node = node[p];
      node[parts[parts.length - 1]] = value;
      files.push({ family: 'cli-wrong-types', name: `${path}=${JSON.stringify(value)}`, text: JSON.stringify(copy) });
      const missing = structuredClone(bundle);
      let m = missing;
      for (const p of parts.slice(0, -1)) m = m[p];
      delete m[parts[parts.length - 1]];
      files.push({ family: 'cli-wrong-types', name: `without ${path}`, text: JSON.stringify(missing) });
    }
    files.push({ family: 'cli-huge', name: '20 MiB padding', text: JSON.stringify({ ...bundle, pad: 'x'.repeat(20 * 1024 * 1024) }) });
    files.push({
      family: 'cli-huge',
      name: '1M-element proof',
      text: JSON.stringify({ ...bundle, inclusionProof: Array.from({ length: 1_000_000 }, () => '00') }),
    });
    files.push({ family: 'cli-huge', name: 'nested 100k deep', text: `${'['.repeat(100_000)}${']'.repeat(100_000)}` });
    files.push({ family: 'cli-huge', name: 'seq past 2^53', text: JSON.stringify(bundle).replace(/"seq":\d+/, '"seq":99999999999999999999') });

    const failures: string[] = [];
    const outcomes: Outcome[] = [];
    await pool(
      files.map((f, i) => ({ ...f, i })),
      8,
      async (f) => {
        const file = join(dir, `bundle-${f.i}.json`);
        writeFileSync(file, f.text);
        const { code, stdout, stderr } = await runCli(['verify', file, '--rpc', stack.chain.url]);
        const out = `${stdout}\n${stderr}`;
        outcomes.push({ family: f.family, name: f.name, status: code ?? -1, problems: [] });
        if (code !== 1 && code !== 2) failures.push(`[${f.family}] ${f.name}: exit ${code}: ${out.slice(0, 200)}`);
        if (STACK_TRACE.test(out)) failures.push(`[${f.family}] ${f.name}: stack trace: ${out.slice(0, 300)}`);
        if (out.trim().length === 0) failures.push(`[${f.family}] ${f.name}: says nothing`);
      },
    );
    rmSync(dir, { recursive: true, force: true });
    printTable(outcomes);
    expect(failures).toEqual([]);
  }, 120_000);
});
