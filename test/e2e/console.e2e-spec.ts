// The staff console in a real browser: Debian's Chromium driven by playwright-core (no browser
// download) against the whole stack (api serving dist/console, worker, WhatsApp simulator, Hardhat).
// Staff of three roles sign in; the demo's shipped order is found, its story read and its proof
// verified in the page; a binding is edited with its live preview; a consent is recorded; support
// cannot erase and an auditor cannot edit; the language switch is remembered. Every page is checked
// with axe-core (no serious or critical violation) and photographed into docs/console/.
// Needs `npm run build` first (dist/console) and /usr/bin/chromium (.ci/run installs it).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLI_ACTOR, StaffAccountsService } from '#sigillo/auth';
import { repoRoot } from '#sigillo/platform';
import { DEMO_BINDINGS, DEMO_PROMOTION_BINDING } from '../../scripts/dev/demo-bindings.js';
import { boundedStop } from '../support/bounded-stop.js';
import { runCli } from '../support/cli.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = repoRoot();
const BUILT = join(ROOT, 'dist/console/index.html');
const SHOTS = join(ROOT, 'docs/console');
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'correct horse battery staple 42';
const run = randomUUID().slice(0, 8);
const ORDER = `ORD-${run}`;
const GIULIA = { userId: 'cust-1001', phone: '+39 333 123 4567', name: 'Giulia Rossi', language: 'it' };
const GIULIA_E164 = '+393331234567';
const MARCO = { userId: 'cust-2002', phone: '+39 347 765 4321', name: 'Marco Bianchi', language: 'it' };
const STAFF = {
  admin: { email: `anna.${run}@shop.example`, displayName: 'Anna Admin', role: 'admin' },
  support: { email: `sara.${run}@shop.example`, displayName: 'Sara Support', role: 'support' },
  auditor: { email: `aldo.${run}@shop.example`, displayName: 'Aldo Auditor', role: 'auditor' },
} as const;

describe('the staff console in Chromium', () => {
  let stack: LedgerStack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Page errors, console errors and failed requests of every page: there must be none. */
  const problems: string[] = [];
  const events = { confirmed: `ord-${run}-1`, shipped: `ord-${run}-2`, promotion: `promo-${run}` };
  let admin: Page;

  beforeAll(async () => {
    // A missing browser fails the suite: a browser test that skips itself proves nothing.
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} does not exist: install Debian's chromium (apt-get install -y chromium; .ci/run does it where apt-get works)`);
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run npm run build first`);
    mkdirSync(SHOTS, { recursive: true });
    stack = await LedgerStack.start({}, { simulator: { statusDelaysMs: [20, 40, 60] } });
    await stack.syncAndBind({ ...DEMO_BINDINGS, 'cart.abandoned': DEMO_PROMOTION_BINDING });
    // The admin as an operator creates one (README: Staff console), the others through the service.
    const cli = await runCli(
      ['staff', 'create', '--tenant', stack.tenant!.id, '--email', STAFF.admin.email, '--role', 'admin', '--name', STAFF.admin.displayName],
      {
        DATABASE_URL: stack.db.url,
        SIGILLO_STAFF_PASSWORD: PASSWORD,
      },
    );
    if (cli.code !== 0) throw new Error(`sigillo staff create: ${cli.code} ${cli.stderr}`);
    const staff = stack.api.get(StaffAccountsService, { strict: false });
    for (const account of [STAFF.support, STAFF.auditor]) await staff.create(stack.tenant!.id, { ...account, password: PASSWORD }, CLI_ACTOR);

    // The demo's order (scripts/demo.ts): confirmed, then shipped; and a promotion to Marco, who never opted in.
    const order = (newStatus: string, oldStatus: string) => ({
      firstName: 'Giulia',
      lastName: 'Rossi',
      fullName: 'Giulia Rossi',
      documentCode: ORDER,
      documentStatus: newStatus,
      orderTotal: '129.90',
      itemCount: 3,
      newStatus,
      oldStatus,
      siteUrl: `https://shop.example/ordini/${ORDER}`,
    });
    const post = async (id: string, type: string, recipient: typeof GIULIA, data: Record<string, unknown>) => {
      const res = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, { id, type, occurredAt: new Date().toISOString(), recipient, data });
      if (res.status !== 202) throw new Error(`${id}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    await post(events.confirmed, 'order.status_changed', GIULIA, order('Confermato', 'Nuovo'));
    await post(events.shipped, 'order.status_changed', GIULIA, order('Spedito', 'Confermato'));
    const promo = await post(events.promotion, 'cart.abandoned', MARCO, {
      firstName: 'Marco',
      lastName: 'Bianchi',
      fullName: 'Marco Bianchi',
      cartTotal: '59.00',
      cartItemCount: 2,
      siteUrl: 'https://shop.example/carrello/c1',
    });
    expect(promo).toMatchObject({ decision: 'SKIP', reason: 'NO_MARKETING_CONSENT' });
    // The shipped order's story, read and anchored, as the demo waits for it.
    await waitFor(
      'the shipped order read and anchored',
      async () => {
        const res = await stack.call('GET', `/v1/events/${events.shipped}/proof`, stack.tenantKeys!.auditor);
        const types = res.status === 200 ? res.body.entries.map((e: { canonical: string }) => JSON.parse(e.canonical)) : [];
        return types.some((e: any) => e.type.startsWith('message.status') && e.body.status === 'read');
      },
      90_000,
      250,
    );

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
    admin = await openPage('en');
  }, 200_000); // a stack, a story read and anchored, and a browser: more than the default 120 s on a loaded machine

  afterAll(async () => {
    for (const context of contexts) await boundedStop({ what: 'a browser context', stop: () => context.close(), ms: 10_000 }).catch(() => undefined);
    if (browser) await boundedStop({ what: 'Chromium', stop: () => browser.close(), ms: 15_000 });
    await stack?.stop();
  });

  afterEach(() => {
    const seen = problems.splice(0);
    expect(seen).toEqual([]);
  });

  async function openPage(language: 'it' | 'en'): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: language === 'it' ? 'it-IT' : 'en-GB',
      timezoneId: 'Europe/Rome',
      // Without it axe can measure a modal mid-fade (its text at part opacity) and report colour contrast.
      reducedMotion: 'reduce',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // Chromium logs every 4xx answer as a failed resource: the session probe before sign-in (401),
      // the refusals the test provokes (403) and an invalid binding's preview (400, 422) are expected.
      if (m.type() === 'error' && !/status of (400|401|403|422)/.test(m.text())) problems.push(`console ${m.type()}: ${m.text()}`);
    });
    // A call still running when the test moves to another page is aborted by the browser: not a failure.
    page.on('requestfailed', (r) => {
      if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
    });
    return page;
  }

  const url = (path: string) => `${stack.apiUrl}/console${path}`;

  /** axe-core in the page: no serious or critical violation; then a full-page screenshot for docs/console. */
  async function checkAndShoot(page: Page, name: string): Promise<void> {
    // Any finite animation still running (a spinner's is infinite) would be measured half-drawn.
    await page.evaluate(() =>
      Promise.all(
        ((globalThis as any).document.getAnimations() as any[])
          .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
    await page.evaluate(AXE_SOURCE);
    const violations: { id: string; impact: string; targets: string[] }[] = await page.evaluate(async () => {
      const result = await (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] });
      return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')) }));
    });
    expect({ page: name, serious: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') }).toEqual({ page: name, serious: [] });
    // The whole page in one viewport: a full-page capture would paint the fixed header and navigation mid-page.
    const viewport = page.viewportSize()!;
    const height = await page.evaluate(() => (globalThis as any).document.documentElement.scrollHeight as number);
    await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.min(height, 4000)) });
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    await page.setViewportSize(viewport);
  }

  async function signIn(page: Page, who: keyof typeof STAFF): Promise<void> {
    await page.goto(url('/messages'));
    await page.getByLabel('Shop (tenant)').fill(stack.tenant!.id);
    await page.getByLabel('Email').fill(STAFF[who].email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-as').waitFor();
  }

  /** A write the page itself makes, with its session and CSRF token: the api's answer status. */
  async function writeFromPage(page: Page, method: string, path: string, body: unknown): Promise<number> {
    return page.evaluate(
      async ({ method, path, body }) => {
        const session = (await (await fetch('/console/api/session')).json()) as { csrfToken: string };
        const res = await fetch(`/console/api${path}`, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify(body),
        });
        return res.status;
      },
      { method, path, body },
    );
  }

  it('signs in an admin; a wrong password is refused without saying which part', async () => {
    const res = await fetch(url('/messages'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    // Its own policy: scripts of this origin only; connect-src open for the chain RPC of "verify in place".
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers.get('content-security-policy')).toContain('connect-src *');
    await admin.goto(url('/messages'));
    await admin.getByRole('heading', { name: 'Sign in to Sigillo' }).waitFor();
    await checkAndShoot(admin, 'sign-in');
    await admin.getByLabel('Shop (tenant)').fill(stack.tenant!.id);
    await admin.getByLabel('Email').fill(STAFF.admin.email);
    await admin.locator('input[name="password"]').fill('not the password');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByText('Wrong shop, email or password.').waitFor();
    await signIn(admin, 'admin');
    expect(await admin.getByTestId('signed-in-as').textContent()).toBe('Anna Admin · Administrator');
  });

  it("finds the demo's shipped order by its order code", async () => {
    await admin.getByLabel('Order or document code').fill(ORDER);
    await admin.getByRole('button', { name: 'Search', exact: true }).click();
    await admin.waitForURL(/reference=/);
    const shipped = admin.locator(`tr[data-event="${events.shipped}"]`);
    await shipped.waitFor();
    await admin.locator(`tr[data-event="${events.confirmed}"]`).waitFor();
    expect(await shipped.locator('[data-outcome]').getAttribute('data-outcome')).toBe('read');
    await checkAndShoot(admin, 'messages');
    await shipped.getByRole('link').click();
    await admin.getByTestId('message-story').waitFor();
  });

  it('tells its story in plain words and verifies its proof in the page against the chain', async () => {
    const sentences = await admin.getByTestId('step-sentence').allTextContents();
    expect(sentences[0]).toBe('The shop sent the event order.status_changed.');
    expect(sentences).toEqual(expect.arrayContaining(['Delivered to the customer’s phone.', 'Read by the customer.']));
    expect(sentences.some((s) => /^Decided to send the template order_status_update \(it, UTILITY\)\.$/.test(s))).toBe(true);
    expect(await admin.getByTestId('pricing-category').first().textContent()).toBe('utility');
    expect(await admin.getByTestId('anchoring').textContent()).toMatch(/Transaction0x[0-9a-f]{64}/);

    await admin.getByLabel('Chain RPC URL').fill(stack.chain.url);
    await admin.getByLabel('Verifier key of the ledger').fill(stack.verifierKey);
    await admin.getByTestId('verify-proof').click();
    const verdict = admin.locator('[data-testid="proof-verdict"]:not([data-state="none"])');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-state')).toBe('verified');
    expect(await verdict.textContent()).toMatch(/OK \d+ entries of event/);
    expect(await verdict.locator('li[data-ok="false"]').count()).toBe(0);
    expect(await verdict.locator('li[data-ok="true"]').count()).toBeGreaterThanOrEqual(5);
    await checkAndShoot(admin, 'message-story');
  });

  it('explains a refusal in plain words', async () => {
    await admin.goto(url(`/messages?eventId=${events.promotion}`));
    const row = admin.locator(`tr[data-event="${events.promotion}"]`);
    await row.waitFor();
    expect(await row.locator('[data-reason]').textContent()).toBe('No marketing consent');
    await row.getByRole('link').click();
    await admin.getByTestId('refusal').waitFor();
    expect(await admin.getByTestId('refusal').textContent()).toContain('Not sent: the customer has not opted in to marketing messages.');
    await checkAndShoot(admin, 'message-refused');
  });

  it('edits a binding with its live preview, the error beside the field before saving', async () => {
    await admin.goto(url('/templates'));
    await admin.getByRole('table').first().waitFor();
    await admin.locator('[data-testid="catalog"] tbody tr').first().waitFor();
    await checkAndShoot(admin, 'templates');
    await admin.goto(url('/bindings/order.status_changed'));
    const preview = admin.getByTestId('preview-body');
    await preview.waitFor();
    const before = await preview.textContent();

    const body1 = admin.locator('input[name="variables.body.1"]');
    await body1.fill('noSuchVariable');
    await admin.locator('input[name="variables.body.1"][aria-invalid="true"]').waitFor();
    expect(await admin.getByTestId('save-binding').isDisabled()).toBe(true);
    expect(await admin.getByTestId('binding-preview').textContent()).toContain('No preview until the errors beside the fields are fixed.');

    await body1.fill('fullName');
    await admin.locator('input[name="variables.body.1"]:not([aria-invalid="true"])').waitFor();
    await waitFor('the preview with the full name', async () => (await preview.textContent()) !== before, 15_000, 100);
    await checkAndShoot(admin, 'binding-editor');
    await admin.getByTestId('save-binding').click();
    await admin.getByTestId('binding-saved').waitFor();
    expect(await admin.getByTestId('binding-saved').textContent()).toContain('Saved.');
    const stored = await stack.call('GET', '/v1/bindings', stack.tenantKeys!.admin);
    expect(stored.body.find((b: any) => b.eventType === 'order.status_changed').variables['body.1']).toBe('fullName');

    await admin.goto(url('/history'));
    // The change is evidence naming who made it: the admin's account, not the setup's API key.
    const change = admin.locator('[data-testid="history"] tr[data-type^="config.binding_set"]').filter({ hasText: STAFF.admin.displayName }).first();
    await change.waitFor();
    expect(await change.textContent()).toContain('eventType: order.status_changed');
    expect(await change.textContent()).toContain('Staff');
    await checkAndShoot(admin, 'history');
  });

  it("records a consent on a contact's page; the change names where it came from", async () => {
    await admin.goto(url(`/contacts/${encodeURIComponent(GIULIA_E164)}`));
    await admin.getByTestId('window').waitFor();
    const form = admin.getByTestId('record-consent');
    await form.getByRole('textbox', { name: 'Note (why, what the customer said)' }).fill('asked at the counter');
    await form.getByRole('button', { name: 'Record' }).click();
    await admin.getByText('Recorded in the ledger.').waitFor();
    const marketing = admin.locator('[data-category="marketing"]');
    await admin.locator('[data-category="marketing"][data-state="opt_in"]').waitFor();
    expect(await marketing.locator('tr[data-source="staff"]').count()).toBe(1);
    expect(await marketing.locator('tr[data-source="staff"]').textContent()).toContain('Staff, in the console');
    // Erasure sits behind a confirmation that says what is kept (not confirmed here).
    await admin.getByTestId('erase').click();
    const keeps = admin.getByTestId('erasure-keeps');
    await keeps.waitFor();
    expect(await keeps.locator('li').count()).toBeGreaterThan(2);
    await checkAndShoot(admin, 'contact-erasure');
    await admin.getByRole('button', { name: 'Cancel' }).click();
    await checkAndShoot(admin, 'contact');
  });

  it('draws the overview and the admin pages', async () => {
    await admin.goto(url('/overview'));
    await admin.getByTestId('anchoring-health').waitFor();
    await admin.locator('.recharts-surface').first().waitFor();
    expect(Number(await admin.locator('[data-total="read"]').textContent())).toBeGreaterThanOrEqual(2);
    expect(Number(await admin.locator('[data-total="refused"]').textContent())).toBeGreaterThanOrEqual(1);
    await checkAndShoot(admin, 'overview');
    await admin.goto(url('/staff'));
    await admin.getByText(STAFF.auditor.email).waitFor();
    await checkAndShoot(admin, 'staff');
    await admin.goto(url('/keys'));
    await admin.locator('[data-testid="api-keys"] tbody tr').first().waitFor();
    await checkAndShoot(admin, 'api-keys');
  });

  it('a support account reads and records consent but cannot erase, nor open the admin pages', async () => {
    const support = await openPage('en');
    await signIn(support, 'support');
    expect(await support.getByRole('link', { name: 'Staff' }).count()).toBe(0);
    await support.goto(url(`/contacts/${encodeURIComponent(GIULIA_E164)}`));
    await support.getByTestId('window').waitFor();
    expect(await support.getByTestId('erase').isDisabled()).toBe(true);
    expect(await support.getByTestId('record-consent').count()).toBe(1);
    expect(await writeFromPage(support, 'DELETE', `/contacts/${encodeURIComponent(GIULIA_E164)}`, { confirm: GIULIA_E164 })).toBe(403);
    await support.goto(url('/staff'));
    await support.getByText('Your role does not open this page. Ask an administrator of your shop.').waitFor();
  });

  it('an auditor reads but cannot edit a binding nor record a consent', async () => {
    const auditor = await openPage('en');
    await signIn(auditor, 'auditor');
    await auditor.goto(url('/bindings/order.status_changed'));
    await auditor.getByTestId('binding-editor').waitFor();
    await auditor.getByText('Your role can read bindings but not change them.').waitFor();
    expect(await auditor.getByTestId('save-binding').count()).toBe(0);
    expect(await auditor.locator('input[name="variables.body.1"]').isDisabled()).toBe(true);
    expect(await writeFromPage(auditor, 'PUT', '/bindings/order.status_changed', DEMO_BINDINGS['order.status_changed'])).toBe(403);
    await auditor.goto(url(`/contacts/${encodeURIComponent(GIULIA_E164)}`));
    await auditor.getByTestId('window').waitFor();
    expect(await auditor.getByTestId('record-consent').count()).toBe(0);
    expect(await writeFromPage(auditor, 'POST', `/contacts/${encodeURIComponent(GIULIA_E164)}/consents`, { category: 'marketing', state: 'opt_out' })).toBe(
      403,
    );
  });

  it('switches to Italian, and remembers it', async () => {
    await admin.goto(url(`/messages?reference=${ORDER}`));
    await admin.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
    await admin.getByTestId('language-switch').getByText('IT', { exact: true }).click();
    await admin.getByRole('heading', { name: 'Messaggi', level: 1 }).waitFor();
    expect(await admin.locator('html').getAttribute('lang')).toBe('it');
    await admin.reload();
    await admin.getByRole('heading', { name: 'Messaggi', level: 1 }).waitFor();
    await admin.locator(`tr[data-event="${events.shipped}"]`).getByRole('link').click();
    await admin.getByTestId('message-story').waitFor();
    expect(await admin.getByTestId('step-sentence').first().textContent()).toBe('Il negozio ha inviato l’evento order.status_changed.');
    await checkAndShoot(admin, 'message-story-it');
  });
});
