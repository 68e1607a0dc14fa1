// The audit page in a real browser: Debian's Chromium driven by playwright-core (no browser
// download). A whole stack records, checkpoints and anchors entries; the page, served at /audit and
// saved to disk, must verify their bundles against the chain alone and name the check that breaks.
// Needs `npm run build` first (the page is dist/audit/index.html) and /usr/bin/chromium (.ci/run
// installs it with apt-get where it can); without Chromium the suite fails, saying so.
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import type { ProofBundle, NewLedgerEntry } from '#sigillo/ledger';
import {
  toHex,
  generateSignerKey,
  parseCheckpointNote,
  LedgerRepository,
  EVENT_RECEIVED,
  MESSAGE_STATUS,
  MESSAGE_SUBMITTED,
  storyFromBundles,
  type StoryBundle,
  TreeReader,
} from '#sigillo/ledger';
import { repoRoot } from '#sigillo/platform';
import { LedgerStack, TEST_ORIGIN } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

const CHROMIUM = '/usr/bin/chromium';
const BUILT_PAGE = join(repoRoot(), 'dist/audit/index.html');
const CHECKS = ['entry', 'schema', 'leaf', 'checkpoint-signature', 'inclusion', 'consistency', 'chain'];
const PHONE = '+393331234567';
const TENANT = EVENT_RECEIVED.example.tenantId;
const NOTIFICATION = MESSAGE_SUBMITTED.example.notificationId;
/** The page sets body[data-state] to one of these once it has an answer (a selector: the page's CSP forbids eval). */
const ANSWERED = 'body[data-state=verified], body[data-state=failed], body[data-state=error]';

describe('the audit page in Chromium', () => {
  let stack: LedgerStack;
  let browser: Browser;
  const tmp = mkdtempSync(join(tmpdir(), 'sigillo-audit-page-e2e-'));
  /** Every console message, page error and failed request of every page: there must be none. */
  const problems: string[] = [];
  /** Every URL a page asked for besides the page itself. */
  const requests: string[] = [];
  /** Where the entries of the story landed in the log. */
  const seqs = { received: -1, decided: -1, submitted: -1, delivered: -1 };

  beforeAll(async () => {
    // A missing browser fails the suite: a browser test that skips itself proves nothing.
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} does not exist: install Debian's chromium (apt-get install -y chromium; .ci/run does it where apt-get works)`);
    if (!existsSync(BUILT_PAGE)) throw new Error(`${BUILT_PAGE} is missing: run npm run build first`);
    stack = await LedgerStack.start();
    const at = (s: number) => new Date(Date.UTC(2026, 10, 21, 10, 0, s));
    const story: NewLedgerEntry[] = [
      {
        type: 'event.received',
        occurredAt: at(0),
        body: {
          ...EVENT_RECEIVED.example,
          eventId: 'evt-1',
          eventType: 'order.shipped',
          recipient: { ...EVENT_RECEIVED.example.recipient, phone: PHONE, name: 'Maria Rossi' },
        },
      },
      {
        type: 'notification.decided',
        occurredAt: at(1),
        body: {
          tenantId: TENANT,
          eventId: 'evt-1',
          notificationId: NOTIFICATION,
          decision: 'SEND',
          template: { name: 'order_shipped', language: 'it', category: 'UTILITY', status: 'APPROVED' },
        },
      },
      {
        type: 'message.submitted',
        occurredAt: at(2),
        body: {
          ...MESSAGE_SUBMITTED.example,
          eventId: 'evt-1',
          notificationId: NOTIFICATION,
          to: PHONE,
          wamid: 'wamid.HBgLMzkzMzMxMjM0NTY3',
          template: { name: 'order_shipped', language: 'it', category: 'UTILITY' },
        },
      },
      {
        type: 'message.status',
        occurredAt: at(3),
        body: { ...MESSAGE_STATUS.example, eventId: 'evt-1', notificationId: NOTIFICATION, wamid: 'wamid.HBgLMzkzMzMxMjM0NTY3', status: 'delivered' },
      },
    ];
    const filler: NewLedgerEntry[] = Array.from({ length: 6 }, (_, i) => ({
      type: 'event.received',
      occurredAt: at(10 + i),
      body: { ...EVENT_RECEIVED.example, eventId: `evt-x${i}` },
    }));
    // As in life, the delivery status comes later: the event, decision and submission are anchored
    // first; then, while the chain is out of reach, the status and more entries get checkpoints of
    // their own, and one anchor covers them all. So the status's checkpoint is a strict prefix of its
    // anchor and its bundle carries a real consistency proof.
    // The log already holds the stack's own entries (its api keys' config.api_key_created): ours follow them.
    const db = new pg.Client({ connectionString: stack.db.url });
    await db.connect();
    const base = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entries')).rows[0].n);
    await db.end();
    const repo = stack.get(LedgerRepository);
    await repo.appendPending([...filler.slice(0, 3), ...story.slice(0, 3)]);
    await anchoredBundle(base + 5);
    await stack.rpcProxy.pause();
    await repo.appendPending(story.slice(3));
    await checkpointed(base + 6);
    await repo.appendPending(filler.slice(3));
    await checkpointed(base + 9);
    await stack.rpcProxy.resume();
    // Where each story entry landed, from the bundles themselves.
    const all = await Promise.all(Array.from({ length: base + 10 }, (_, seq) => anchoredBundle(seq)));
    const seqOf = (match: (e: { type: string; body: Record<string, unknown> }) => boolean) => all.find((b) => match(JSON.parse(b.entry.canonical)))!.leafIndex;
    seqs.received = seqOf((e) => e.type === 'event.received' && e.body.eventId === 'evt-1');
    seqs.decided = seqOf((e) => e.type === 'notification.decided');
    seqs.submitted = seqOf((e) => e.type === 'message.submitted');
    seqs.delivered = seqOf((e) => e.type === 'message.status');

    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  afterEach(() => {
    expect(problems).toEqual([]);
    problems.length = 0;
  });

  async function anchoredBundle(seq: number): Promise<ProofBundle> {
    return waitFor(
      `an anchored bundle for entry ${seq}`,
      async () => {
        const res = await stack.call('GET', `/v1/ledger/entries/${seq}/proof`, stack.keys.auditor);
        return res.status === 200 ? (res.body as ProofBundle) : null;
      },
      60_000,
      200,
    );
  }

  /** Waits until entry `seq` is in a signed checkpoint that is not anchored yet. */
  async function checkpointed(seq: number): Promise<void> {
    await waitFor(
      `entry ${seq} in a checkpoint`,
      async () => {
        const res = await stack.call('GET', `/v1/ledger/entries/${seq}/proof`, stack.keys.auditor);
        return res.status === 202 && res.body.stage === 'anchoring';
      },
      30_000,
      100,
    );
  }

  /**
   * A story bundle as the api's message proofs build it: every entry proven in one checkpoint (the
   * first one covering the last entry) bridged to that checkpoint's anchor.
   */
  async function storyBundle(subject: StoryBundle['subject'], list: number[]): Promise<StoryBundle> {
    const bundles = await Promise.all(list.map(anchoredBundle));
    const last = bundles.reduce((a, b) => (b.leafIndex > a.leafIndex ? b : a));
    const { treeSize } = parseCheckpointNote(last.checkpoint.note);
    const tree = stack.get(TreeReader);
    const rebased = await Promise.all(
      bundles.map(async (b) => ({
        ...b,
        checkpoint: last.checkpoint,
        anchor: last.anchor,
        consistencyProof: last.consistencyProof,
        inclusionProof: (await tree.inclusionProof(BigInt(b.leafIndex), treeSize)).map(toHex),
      })),
    );
    return storyFromBundles(subject, rebased);
  }

  async function openPage(url: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('console', (m) => problems.push(`console ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('request', (r) => {
      if (r.url() !== url && !r.url().startsWith('data:')) requests.push(r.url());
    });
    const response = await page.goto(url);
    if (url.startsWith('http')) expect(response?.status()).toBe(200);
    expect(await page.locator('body').getAttribute('data-state')).toBe('ready');
    return page;
  }

  /** Pastes a bundle, fills the fields, clicks Verify and waits for the page's answer. */
  async function verify(page: Page, bundle: unknown, opts: { rpc?: string; key?: string } = {}): Promise<'verified' | 'failed' | 'error'> {
    await page.fill('#bundle', typeof bundle === 'string' ? bundle : JSON.stringify(bundle, null, 2));
    await page.fill('#rpc', opts.rpc ?? stack.chain.url);
    await page.fill('#key', opts.key ?? '');
    await page.click('#verify');
    await page.waitForSelector(ANSWERED, { state: 'attached' });
    return (await page.locator('body').getAttribute('data-state')) as 'verified' | 'failed' | 'error';
  }

  /** check name -> [ok, message] for one entry's row. */
  async function checksOf(page: Page, seq: number): Promise<Record<string, [boolean, string]>> {
    const items = page.locator(`tr.checks[data-seq="${seq}"] li.check`);
    const out: Record<string, [boolean, string]> = {};
    for (const item of await items.all()) {
      out[(await item.getAttribute('data-check'))!] = [(await item.getAttribute('data-ok')) === 'true', (await item.locator('.message').textContent())!];
    }
    return out;
  }

  const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);

  it('is served at /audit without a key, with its own hash-based CSP, and verifies a bundle against the chain: all green', async () => {
    const res = await fetch(`${stack.apiUrl}/audit`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).toContain('connect-src *');
    expect(csp).not.toContain('unsafe-inline');

    const bundle = await anchoredBundle(seqs.decided);
    const page = await openPage(`${stack.apiUrl}/audit`);
    requests.length = 0;
    expect(await verify(page, bundle, { key: stack.verifierKey })).toBe('verified');

    const verdict = page.locator('#verdict');
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    expect(await verdict.textContent()).toMatch(
      new RegExp(`^✓ OK entry ${seqs.decided} \\(notification\\.decided\\) is in checkpoint \\d+ of ${TEST_ORIGIN.replace('/', '\\/')}, anchored at tree size`),
    );
    const checks = await checksOf(page, seqs.decided);
    expect(Object.keys(checks)).toEqual(CHECKS);
    for (const name of CHECKS) expect({ name, ok: checks[name][0] }).toEqual({ name, ok: true });
    expect(checks['checkpoint-signature'][1]).toContain('the key given by the auditor');
    expect(checks.chain[1]).toContain(`holds the root of tree size ${bundle.anchor.treeSize}, anchored by transaction ${bundle.anchor.txHash}`);
    const row = page.locator(`tr.entry[data-seq="${seqs.decided}"]`);
    expect(await row.getAttribute('data-ok')).toBe('true');
    expect(await row.locator('td.facts').textContent()).toBe('SEND  order_shipped/it');
    await page.screenshot({ path: join(tmp, 'verified.png'), fullPage: true });

    // The status's checkpoint is a prefix of its anchor: the consistency proof is checked too.
    const later = await anchoredBundle(seqs.delivered);
    expect(later.consistencyProof.length).toBeGreaterThan(0);
    expect(await verify(page, later, { key: stack.verifierKey })).toBe('verified');
    const laterChecks = await checksOf(page, seqs.delivered);
    expect(Object.values(laterChecks).every(([ok]) => ok)).toBe(true);
    expect(laterChecks.consistency[1]).toMatch(new RegExp(`^checkpoint tree size \\d+ is a prefix of the anchored tree size ${later.anchor.treeSize}$`));

    // Verification asked the chain RPC only, never Sigillo's api.
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((u) => !u.startsWith(stack.chain.url))).toEqual([]);
    await page.close();
  });

  it('shows the failing check in red: a flipped salt byte fails leaf, a changed anchor root fails consistency and chain', async () => {
    const bundle = await anchoredBundle(seqs.received);
    const page = await openPage(`${stack.apiUrl}/audit`);

    const salted = structuredClone(bundle);
    salted.entry.salt = flip(salted.entry.salt);
    expect(await verify(page, salted)).toBe('failed');
    expect(await page.locator('#verdict').getAttribute('data-ok')).toBe('false');
    let checks = await checksOf(page, seqs.received);
    expect(checks.leaf[0]).toBe(false);
    expect(checks.leaf[1]).toMatch(/^leaf hash of the entry is [0-9a-f]{64}, not the bundle's leafHash/);
    for (const name of CHECKS.filter((c) => c !== 'leaf')) expect({ name, ok: checks[name][0] }).toEqual({ name, ok: true });
    expect(await page.locator(`tr.entry[data-seq="${seqs.received}"]`).getAttribute('data-ok')).toBe('false');
    await page.screenshot({ path: join(tmp, 'tampered-salt.png'), fullPage: true });

    // The anchored root changed: the chain holds another one, and the checkpoint no longer leads to it.
    const rerooted = structuredClone(bundle);
    rerooted.anchor.root = flip(rerooted.anchor.root);
    expect(await verify(page, rerooted)).toBe('failed');
    checks = await checksOf(page, seqs.received);
    expect(checks.consistency[0]).toBe(false);
    expect(checks.chain).toEqual([
      false,
      `contract ${bundle.anchor.contract} on chain ${bundle.anchor.chainId} holds a different root for tree size ${bundle.anchor.treeSize}`,
    ]);
    for (const name of ['entry', 'leaf', 'checkpoint-signature', 'inclusion']) expect({ name, ok: checks[name][0] }).toEqual({ name, ok: true });
    await page.screenshot({ path: join(tmp, 'tampered-anchor-root.png'), fullPage: true });
    // The same on a bundle with a consistency proof, and with the checkpoint equal to the anchor.
    for (const [seq, reason] of [
      [seqs.delivered, /^consistency proof does not lead from the checkpoint root \(tree size \d+\) to the anchor root \(tree size \d+\)$/],
      [seqs.decided, /^anchor root differs from the checkpoint root at the same tree size \d+$/],
    ] as const) {
      const other = structuredClone(await anchoredBundle(seq));
      expect(other.consistencyProof.length > 0).toBe(seq === seqs.delivered);
      other.anchor.root = flip(other.anchor.root);
      expect(await verify(page, other)).toBe('failed');
      const c = await checksOf(page, seq);
      expect(c.consistency).toEqual([false, expect.stringMatching(reason)]);
      expect(c.chain).toEqual([false, expect.stringContaining('holds a different root')]);
    }

    // A key the log did not sign with (same name, other key) fails the signature check.
    const stranger = generateSignerKey(TEST_ORIGIN).verifierKey;
    expect(await verify(page, bundle, { key: stranger })).toBe('failed');
    checks = await checksOf(page, seqs.received);
    expect(checks['checkpoint-signature']).toEqual([false, expect.stringMatching(/^checkpoint has no signature by key sigillo\.test\/ledger\+[0-9a-f]{8}$/)]);
    await page.close();
  });

  it('says clearly, in red and without an exception, what is wrong with unusable input', async () => {
    const bundle = await anchoredBundle(seqs.received);
    const page = await openPage(`${stack.apiUrl}/audit`);
    const error = page.locator('#error');
    expect(await verify(page, '{"format": "sigillo.proof-bundle.v1",')).toBe('error');
    expect(await error.textContent()).toMatch(/^The input is not JSON: /);
    expect(await page.locator('#result').isHidden()).toBe(true);

    const { leafHash: _dropped, ...noLeafHash } = bundle;
    expect(await verify(page, noLeafHash)).toBe('error');
    expect(await error.textContent()).toBe('This is not a valid proof bundle: leafHash: missing');
    expect(await verify(page, '[1, 2, 3]')).toBe('error');
    expect(await error.textContent()).toBe('This is not a valid proof bundle: bundle: not a JSON object (got an array)');
    expect(await verify(page, bundle, { key: 'not-a-key' })).toBe('error');
    expect(await error.textContent()).toMatch(/^The verifier key is not usable: verifier key: /);
    expect(await verify(page, bundle, { rpc: 'ftp://example.org' })).toBe('error');
    expect(await error.textContent()).toBe('The RPC URL is not usable: chain RPC URL "ftp://example.org" must be http:// or https://');
    // No RPC: everything offline is checked, but without the chain the bundle is not verified.
    expect(await verify(page, bundle, { rpc: '' })).toBe('failed');
    const checks = await checksOf(page, seqs.received);
    expect(checks.chain).toEqual([false, expect.stringMatching(/^chain not checked: no RPC URL given/)]);
    expect(Object.values(checks).filter(([ok]) => !ok)).toHaveLength(1);
    await page.close();
  });

  it('verifies a story bundle as a timeline, one green row per entry with its non-personal facts', async () => {
    const list = [seqs.received, seqs.decided, seqs.submitted, seqs.delivered];
    const story = await storyBundle({ kind: 'message', id: 'wamid.HBgLMzkzMzMxMjM0NTY3' }, list);
    const page = await openPage(`${stack.apiUrl}/audit`);
    expect(await verify(page, story, { key: stack.verifierKey })).toBe('verified');
    expect(await page.locator('#verdict').textContent()).toMatch(/^✓ OK 4 entries of message wamid\.HBgLMzkzMzMxMjM0NTY3 are in checkpoint/);
    const rows = page.locator('tr.entry');
    expect(await rows.count()).toBe(4);
    const table = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent)));
    expect(table).toEqual([
      [String(seqs.received), '2026-11-21T10:00:00.000Z', 'event.received', 'order.shipped'],
      [String(seqs.decided), '2026-11-21T10:00:01.000Z', 'notification.decided', 'SEND  order_shipped/it'],
      [String(seqs.submitted), '2026-11-21T10:00:02.000Z', 'message.submitted', 'order_shipped/it  wamid.HBgLMzkzMzMxMjM0NTY3'],
      [String(seqs.delivered), '2026-11-21T10:00:03.000Z', 'message.status', 'delivered  wamid.HBgLMzkzMzMxMjM0NTY3'],
    ]);
    // The facts are the CLI's: no phone number, no name on the page outside the pasted bundle.
    const shown = await page.locator('#result').textContent();
    expect(shown).not.toContain(PHONE);
    expect(shown).not.toContain('Maria');
    for (const seq of list) expect(Object.values(await checksOf(page, seq)).every(([ok]) => ok)).toBe(true);
    await page.screenshot({ path: join(tmp, 'story.png'), fullPage: true });

    // One entry of the story tampered: that row is red on leaf, the others stay green.
    const tampered = structuredClone(story);
    tampered.entries[2].salt = flip(tampered.entries[2].salt);
    expect(await verify(page, tampered, { key: stack.verifierKey })).toBe('failed');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-ok')))).toEqual(['true', 'true', 'false', 'true']);
    expect((await checksOf(page, seqs.submitted)).leaf[0]).toBe(false);
    expect(await page.locator('#verdict').textContent()).toBe('✗ NOT VERIFIED: 1 of 4 entries failed (leaf)');
    await page.close();
  });

  it('works saved to disk: opened from file://, a bundle file picked from disk verifies', async () => {
    const saved = join(tmp, 'sigillo-audit.html');
    copyFileSync(BUILT_PAGE, saved);
    const bundle = await anchoredBundle(seqs.decided);
    const bundleFile = join(tmp, 'bundle.json');
    writeFileSync(bundleFile, JSON.stringify(bundle, null, 2));

    const page = await openPage(pathToFileURL(saved).href);
    await page.fill('#rpc', stack.chain.url);
    await page.fill('#key', stack.verifierKey);
    // Picking a file loads it and verifies at once.
    await page.setInputFiles('#file', bundleFile);
    await page.waitForSelector(ANSWERED, { state: 'attached' });
    expect(await page.locator('body').getAttribute('data-state')).toBe('verified');
    expect(await page.locator('#verdict').textContent()).toMatch(new RegExp(`^✓ OK entry ${seqs.decided} \\(notification\\.decided\\)`));
    const checks = await checksOf(page, seqs.decided);
    expect(Object.entries(checks).map(([name, [ok]]) => [name, ok])).toEqual(CHECKS.map((c) => [c, true]));
    await page.screenshot({ path: join(tmp, 'file-url.png'), fullPage: true });
    await page.close();
  });
});
