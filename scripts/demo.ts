// `npm run demo`: the five-minute tour, against a running `npm run dev`. Posts a realistic Passweb
// sequence, waits for delivery and anchoring, prints each message's story from its proof bundle,
// and verifies one bundle with the auditor CLI against the chain alone.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseStoryBundle, type StoryBundle, storyLine } from '#sigillo/ledger';
import { repoRoot } from '#sigillo/platform';
import { DEMO_BINDINGS, DEMO_PROMOTION_BINDING } from './dev/demo-bindings.js';

interface Stack {
  apiUrl: string;
  rpcUrl: string;
  simulatorUrl: string;
  verifierKey: string;
  passwebApiKey: string;
  tenantAuditorApiKey: string;
  tenantAdminApiKey: string;
}

const root = repoRoot();
const stackFile = join(root, '.dev/stack.json');
const run = randomUUID().slice(0, 8);
const GIULIA = { userId: 'cust-1001', phone: '+39 333 123 4567', name: 'Giulia Rossi', language: 'it' };
const MARCO = { userId: 'cust-2002', phone: '+39 347 765 4321', name: 'Marco Bianchi', language: 'it' };

const say = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  if (!existsSync(stackFile)) {
    say('demo: no .dev/stack.json: start the stack first with `npm run dev` (in another terminal)');
    return 1;
  }
  const stack = JSON.parse(readFileSync(stackFile, 'utf8')) as Stack;
  const api = client(stack.apiUrl);

  say('Sigillo demo: a Passweb shop sends WhatsApp notifications, and every step becomes evidence.\n');
  const stories: { label: string; eventId: string }[] = [];
  const post = async (label: string, type: string, recipient: typeof GIULIA, data: Record<string, unknown>) => {
    const eventId = `demo-${run}-${stories.length + 1}`;
    const res = await api('POST', '/v1/events', stack.passwebApiKey, { id: eventId, type, occurredAt: new Date().toISOString(), recipient, data });
    if (res.status !== 202) throw new Error(`${label}: ${res.status} ${JSON.stringify(res.body)}`);
    say(`→ ${label.padEnd(44)} ${res.body.decision}${res.body.reason ? ` (${res.body.reason})` : ''}`);
    stories.push({ label, eventId });
  };
  const order = (newStatus: string, oldStatus: string) => ({
    firstName: 'Giulia',
    lastName: 'Rossi',
    fullName: 'Giulia Rossi',
    documentCode: `ORD-${run}`,
    documentStatus: newStatus,
    orderTotal: '129.90',
    itemCount: 3,
    newStatus,
    oldStatus,
    siteUrl: `https://shop.example/ordini/ORD-${run}`,
  });
  const cart = {
    firstName: 'Marco',
    lastName: 'Bianchi',
    fullName: 'Marco Bianchi',
    cartTotal: '59.00',
    cartItemCount: 2,
    siteUrl: `https://shop.example/carrello/c-${run}`,
  };

  await post('order confirmed (UTILITY)', 'order.status_changed', GIULIA, order('Confermato', 'Nuovo'));
  await post('order shipped', 'order.status_changed', GIULIA, order('Spedito', 'Confermato'));
  await post('order delivered', 'order.status_changed', GIULIA, order('Consegnato', 'Spedito'));
  await post('abandoned cart (UTILITY)', 'cart.abandoned', MARCO, cart);

  // The shop binds its abandoned-cart event to a MARKETING promotion for a while.
  await api('PUT', '/v1/bindings/cart.abandoned', stack.tenantAdminApiKey, DEMO_PROMOTION_BINDING);
  await sleep(1200); // the api caches the catalog for a second
  try {
    await post('promotion, no consent yet (MARKETING)', 'cart.abandoned', MARCO, cart);
    const consent = await api('POST', '/v1/consents', stack.passwebApiKey, {
      id: `consent-${run}`,
      phone: MARCO.phone,
      category: 'marketing',
      action: 'opt_in',
      source: 'newsletter-form',
      evidence: { form: 'newsletter-v2', textVersion: '2026-09', channel: 'web' },
      occurredAt: new Date().toISOString(),
    });
    say(`→ ${'Marco opts in to marketing (consent API)'.padEnd(44)} ${consent.status === 201 || consent.status === 200 ? 'recorded' : consent.status}`);
    await post('the same promotion again', 'cart.abandoned', MARCO, cart);
    await waitForStory(api, stack, stories.at(-1)!.eventId); // delivered before the user answers
    const stop = await fetch(`${stack.simulatorUrl}/_sim/inbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: MARCO.phone.replace(/\D/g, ''), text: 'STOP' }),
    });
    say(`→ ${'Marco replies "STOP" on WhatsApp'.padEnd(44)} ${stop.ok ? 'webhook delivered' : stop.status}`);
    await sleep(1500);
    await post('a promotion after STOP', 'cart.abandoned', MARCO, cart);
  } finally {
    await api('PUT', '/v1/bindings/cart.abandoned', stack.tenantAdminApiKey, DEMO_BINDINGS['cart.abandoned']);
  }

  say('\nWaiting for delivery and for the ledger to be anchored on chain…\n');
  const proven: StoryBundle[] = [];
  for (const s of stories) {
    const story = await waitForStory(api, stack, s.eventId);
    proven.push(story);
    const anchor = story.anchor;
    say(`${s.label}  (event ${s.eventId})`);
    for (const b of parseStoryBundle(story).bundles) say(`   ${storyLine(b)}`);
    say(`   anchored at tree size ${anchor.treeSize}, block ${anchor.blockNumber}, tx ${anchor.txHash}\n`);
  }

  const file = join(root, '.dev', `story-${stories[1].eventId}.json`);
  writeFileSync(file, `${JSON.stringify(proven[1], null, 2)}\n`);
  say(`The shipped order's proof bundle is ${file}. An auditor checks it with nothing but the chain:\n`);
  say(`$ sigillo verify ${file} --rpc ${stack.rpcUrl} --key ${stack.verifierKey}`);
  const verify = spawnSync(process.execPath, [join(root, 'dist/apps/cli/src/main.js'), 'verify', file, '--rpc', stack.rpcUrl, '--key', stack.verifierKey], {
    encoding: 'utf8',
  });
  say(verify.stdout.trimEnd());
  if (verify.stderr) say(verify.stderr.trimEnd());
  say(`\nOr in a browser: ${stack.apiUrl}/audit (drop the file, press Verify).`);
  return verify.status === 0 ? 0 : 1;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tour prints whatever JSON the api answers
type Api = (method: string, path: string, key: string, body?: unknown) => Promise<{ status: number; body: any }>;

function client(base: string): Api {
  return async (method, path, key, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

async function waitForStory(api: Api, stack: Stack, eventId: string): Promise<StoryBundle> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const res = await api('GET', `/v1/events/${encodeURIComponent(eventId)}/proof`, stack.tenantAuditorApiKey);
    // A message the policy sent is shown once its read receipt (or its failure) is in the anchored story.
    if (res.status === 200 && (!decidedToSend(res.body) || hasStatus(res.body, 'read') || hasType(res.body, 'message.failed'))) return res.body as StoryBundle;
    if (![200, 202].includes(res.status)) throw new Error(`story of ${eventId}: ${res.status} ${JSON.stringify(res.body)}`);
    if (Date.now() > deadline) throw new Error(`story of ${eventId} not complete after 2 minutes`);
    await sleep(500);
  }
}

const types = (story: StoryBundle) => story.entries.map((e) => JSON.parse(e.canonical) as { type: string; body: { status?: string; decision?: string } });
const decidedToSend = (story: StoryBundle) => types(story).some((e) => e.type.split('/')[0] === 'notification.decided' && e.body.decision === 'SEND');
// Any version of the type: `message.failed` or `message.failed/v2`.
const hasType = (story: StoryBundle, name: string) => types(story).some((e) => e.type.split('/')[0] === name);
const hasStatus = (story: StoryBundle, status: string) => types(story).some((e) => e.type === 'message.status' && e.body.status === status);

main().then(
  (code) => process.exit(code),
  (err) => {
    say(`demo failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
