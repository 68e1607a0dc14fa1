// Issue 14: the entry schema is the public contract. A log holding an entry whose body carries a
// wrong field type, otherwise perfect (salted, sequenced, in a signed checkpoint, anchored on
// chain), fails verification naming the field: in `sigillo verify`, on the audit page in Chromium,
// and in `sigillo audit`. The schemas themselves are served by the api without a key.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import type { ProofBundle, NewLedgerEntry } from '#sigillo/ledger';
import { EVENT_RECEIVED, MESSAGE_SUBMITTED, LedgerRepository } from '#sigillo/ledger';
import { repoRoot } from '#sigillo/platform';
import { runCli } from '../support/cli.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

const CHROMIUM = '/usr/bin/chromium';
const BUILT_PAGE = join(repoRoot(), 'dist/audit/index.html');
const ANSWERED = 'body[data-state=verified], body[data-state=failed], body[data-state=error]';
/** The bad entry among the four this suite appends. */
const BAD = 2;
// The log already holds the stack's own entries (its api keys' config.api_key_created): ours follow them.
let first = 0;
let BAD_SEQ = BAD;
let FIELD_MESSAGE = '';

let stack: LedgerStack;
const tmp = mkdtempSync(join(tmpdir(), 'sigillo-entry-schemas-e2e-'));
const bundles: ProofBundle[] = [];

beforeAll(async () => {
  stack = await LedgerStack.start();
  const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 10, 0, s));
  const entries: NewLedgerEntry[] = [
    { type: 'event.received', occurredAt: at(0), body: EVENT_RECEIVED.example },
    { type: 'message.submitted', occurredAt: at(1), body: MESSAGE_SUBMITTED.example },
    // Meta's id logged as a number: every other link of its proof is sound.
    { type: 'message.submitted', occurredAt: at(2), body: { ...MESSAGE_SUBMITTED.example, wamid: 4242 } },
    { type: 'message.submitted', occurredAt: at(3), body: { ...MESSAGE_SUBMITTED.example, attempt: 2 } },
  ];
  const db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  try {
    first = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entries')).rows[0].n);
  } finally {
    await db.end();
  }
  BAD_SEQ = first + BAD;
  FIELD_MESSAGE = `entry ${BAD_SEQ} does not match the schema of message.submitted v1: /body/wamid must be string`;
  await stack.get(LedgerRepository).appendPending(entries);
  for (let seq = first; seq < first + entries.length; seq++) {
    bundles.push(
      await waitFor(
        `an anchored bundle for entry ${seq}`,
        async () => {
          const res = await stack.call('GET', `/v1/ledger/entries/${seq}/proof`, stack.keys.auditor);
          return res.status === 200 ? (res.body as ProofBundle) : null;
        },
        60_000,
        200,
      ),
    );
  }
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

function writeBundle(name: string, bundle: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(bundle, null, 2));
  return file;
}

describe('an anchored entry with a wrong field type', () => {
  it('fails sigillo verify on the schema check alone, naming the field', async () => {
    const json = await runCli(['verify', writeBundle('bad.json', bundles[BAD]), '--rpc', stack.chain.url, '--json']);
    expect(json.code).toBe(1);
    const checks = JSON.parse(json.stdout).checks as { check: string; ok: boolean; message: string }[];
    expect(checks.filter((c) => !c.ok)).toEqual([{ check: 'schema', ok: false, message: FIELD_MESSAGE }]);
    expect(checks.map((c) => c.check)).toEqual(['entry', 'schema', 'leaf', 'checkpoint-signature', 'inclusion', 'consistency', 'chain']);

    const text = await runCli(['verify', writeBundle('bad2.json', bundles[BAD]), '--rpc', stack.chain.url]);
    expect(text.code).toBe(1);
    expect(text.stdout.trim()).toBe(`FAIL schema: ${FIELD_MESSAGE}`);

    const good = await runCli(['verify', writeBundle('good.json', bundles[1]), '--rpc', stack.chain.url]);
    expect(good.stdout).toMatch(new RegExp(`^OK entry ${first + 1} \\(message.submitted\\)`));
    expect(good.code).toBe(0);
  });

  it('fails sigillo audit naming the entry and the field, and nothing else', async () => {
    const audit = await runCli(['audit', '--quiet'], {
      DATABASE_URL: stack.db.url,
      CHAIN_RPC_URL: stack.chain.url,
      LEDGER_CONTRACT_ADDRESS: stack.chain.contract,
    });
    expect(audit.code).toBe(1);
    expect(audit.stdout.trim().split('\n')).toEqual([
      `entry ${BAD_SEQ} (message.submitted) does not match its schema: /body/wamid must be string`,
      expect.stringMatching(new RegExp(`^audit FAILED: 1 problem\\(s\\) in ${first + 4} entries`)),
    ]);
  });

  (existsSync(CHROMIUM) ? it : it.skip)('fails on the audit page in Chromium, naming the field', async () => {
    if (!existsSync(BUILT_PAGE)) throw new Error(`${BUILT_PAGE} is missing: run npm run build first`);
    const { chromium } = await import('playwright-core');
    const browser: Browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${stack.apiUrl}/audit`);
      await page.fill('#bundle', JSON.stringify(bundles[BAD]));
      await page.fill('#rpc', stack.chain.url);
      await page.click('#verify');
      await page.waitForSelector(ANSWERED, { state: 'attached' });
      expect(await page.locator('body').getAttribute('data-state')).toBe('failed');
      const item = page.locator(`tr.checks[data-seq="${BAD_SEQ}"] li.check[data-check="schema"]`);
      expect(await item.getAttribute('data-ok')).toBe('false');
      expect(await item.locator('.message').textContent()).toBe(FIELD_MESSAGE);
      const others = page.locator(`tr.checks[data-seq="${BAD_SEQ}"] li.check[data-ok="false"]`);
      expect(await others.count()).toBe(1);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('the published schemas', () => {
  it('are served without a key: the index and each type and version', async () => {
    const index = await fetch(`${stack.apiUrl}/v1/ledger/schemas`);
    expect(index.status).toBe(200);
    const body = (await index.json()) as { entries: { type: string; schema: string }[] };
    expect(body.entries.map((e) => e.type)).toContain('message.submitted');
    for (const e of body.entries) {
      const res = await fetch(`${stack.apiUrl}${e.schema}`);
      expect(res.status).toBe(200);
      const schema = (await res.json()) as { $schema: string; properties: { type: { const: string } } };
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.properties.type.const).toBe(e.type);
    }
    const missing = await fetch(`${stack.apiUrl}/v1/ledger/schemas/message.sent/1`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toBe('no ledger entry schema message.sent version 1');
  });
});
