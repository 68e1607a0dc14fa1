import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_FILE } from '../../apps/api/src/openapi/offline-document.js';
import { ApiKeysService } from '#sigillo/auth';
import { repoRoot } from '#sigillo/platform';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

// A low per-key limit so one test can cross it; every other test stays far below it per key.
const RATE_LIMIT = 30;
// Small enough that a paused chain fails the anchoring check within a test.
const MAX_ANCHOR_AGE_MS = 3000;

let stack: LedgerStack;
let phoneCounter = 0;

const nextPhone = () => `+39333${String(6_000_000 + phoneCounter++).padStart(7, '0')}`;

function orderEvent(phone = nextPhone()) {
  return {
    id: `ops-${randomUUID()}`,
    type: 'order.status_changed',
    occurredAt: new Date().toISOString(),
    recipient: { userId: `u-ops-${phoneCounter}`, phone, name: 'Giulia Rossi', language: 'it' },
    data: { firstName: 'Giulia', documentCode: 'ORD-7', documentStatus: 'Spedito', newStatus: 'Spedito', orderTotal: '10.00' },
  };
}

async function raw(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${stack.apiUrl}${path}`, { redirect: 'manual', ...init });
}

async function scrape(): Promise<string> {
  const res = await raw('/metrics');
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one series, or undefined when absent. */
function series(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelPart = line.slice(name.length).split(' ')[0];
    if (wanted.every((w) => labelPart.includes(w))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

beforeAll(async () => {
  stack = await LedgerStack.start(
    { RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), HEALTH_MAX_ANCHOR_AGE_MS: String(MAX_ANCHOR_AGE_MS), HEALTH_TIMEOUT_MS: '1000' },
    { simulator: {} },
  );
  const admin = stack.tenantKeys!.admin;
  expect(await stack.call('POST', '/v1/templates/sync', admin)).toMatchObject({ status: 200 });
  expect(await stack.call('PUT', '/v1/bindings/order.status_changed', admin, DEMO_BINDINGS['order.status_changed'])).toMatchObject({ status: 200 });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('OpenAPI', () => {
  it('serves at /docs-json the document checked in as docs/openapi.json', async () => {
    const served = await stack.call('GET', '/docs-json', null);
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(readFileSync(join(repoRoot(), OPENAPI_FILE), 'utf8')));
  });

  it('documents every route the api serves, and only those', async () => {
    const served = new Set(appRoutes());
    const documented = new Set<string>();
    const { body: doc } = await stack.call('GET', '/docs-json', null);
    for (const [path, operations] of Object.entries(doc.paths as Record<string, object>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    documented.delete('GET /admin/queues'); // Bull Board: a Fastify plugin, described by hand
    expect([...served].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((r) => !served.has(r))).toEqual([]);
    expect(served.size).toBeGreaterThanOrEqual(15);
  });

  it('serves the Swagger UI under helmet: every script is a file of this origin', async () => {
    const res = await raw('/docs');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    const html = await res.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const [, attributes, body] of scripts) {
      expect(body.trim()).toBe(''); // no inline script: CSP would block it
      const src = /src=['"]([^'"]+)['"]/.exec(attributes)?.[1];
      expect(src).toMatch(/^\.?\/?docs\//);
      const asset = await raw(`/${src!.replace(/^\.?\//, '')}`);
      expect({ src, status: asset.status }).toEqual({ src, status: 200 });
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
    }
  });
});

describe('helmet and request ids', () => {
  it('sets helmet headers on API answers', async () => {
    const res = await raw('/health/live');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('echoes X-Request-Id, and makes one when it is missing or not a plain token', async () => {
    const given = await raw('/v1/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tenantKeys!.passweb}`, 'content-type': 'application/json', 'x-request-id': 'shop-42:req.7_a-b' },
      body: JSON.stringify(orderEvent()),
    });
    expect(given.status).toBe(202);
    expect(given.headers.get('x-request-id')).toBe('shop-42:req.7_a-b');

    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect((await raw('/health/live')).headers.get('x-request-id')).toMatch(uuid);
    const odd = await raw('/health/live', { headers: { 'x-request-id': 'has spaces and +39 333' } });
    expect(odd.headers.get('x-request-id')).toMatch(uuid);
    // Errors carry it too: a refused key, a body that is not JSON.
    const refused = await raw('/v1/templates', { headers: { 'x-request-id': 'r-401' } });
    expect([refused.status, refused.headers.get('x-request-id')]).toEqual([401, 'r-401']);
    const notJson = await raw('/v1/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tenantKeys!.passweb}`, 'content-type': 'text/plain', 'x-request-id': 'r-415' },
      body: 'hello',
    });
    expect([notJson.status, notJson.headers.get('x-request-id')]).toEqual([415, 'r-415']);
  });
});

describe('/metrics', () => {
  it('exposes the api and pipeline series after a send and a failed send', async () => {
    const ok = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, orderEvent());
    expect(ok).toMatchObject({ status: 202, body: { decision: 'SEND' } });
    stack.simulator!.control.setFailureModes({ permanentErrorCode: 132001, permanentErrorCount: 1 });
    const failing = await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, orderEvent());
    expect(failing).toMatchObject({ status: 202, body: { decision: 'SEND' } });

    let last = '';
    const text = await waitFor(
      'a delivered status, a failed send and a confirmed anchor in /metrics',
      async () => {
        const t = (last = await scrape());
        const ready =
          (series(t, 'sigillo_message_statuses', { status: 'delivered' }) ?? 0) >= 1 &&
          (series(t, 'sigillo_send_attempts', { outcome: 'failed', error_code: '132001' }) ?? 0) >= 1 &&
          (series(t, 'sigillo_anchors_confirmed') ?? 0) >= 1 &&
          series(t, 'sigillo_anchor_lag_entries') === 0;
        return ready && t;
      },
      60_000,
      250,
    ).catch((err: Error) => {
      throw new Error(
        `${err.message}\n${last
          .split('\n')
          .filter((l) => /^sigillo_(send|message|anchor|queue_jobs\{queue="send")/.test(l))
          .join('\n')}`,
      );
    });

    expect(series(text, 'sigillo_events_received_total', { type: 'order.status_changed', decision: 'SEND' })).toBeGreaterThanOrEqual(2);
    expect(series(text, 'sigillo_send_attempts', { outcome: 'submitted', error_code: '' })).toBeGreaterThanOrEqual(1);
    expect(series(text, 'sigillo_message_statuses', { status: 'sent', error_code: '' })).toBeGreaterThanOrEqual(1);
    expect(series(text, 'sigillo_http_requests_total', { method: 'POST', route: '/v1/events', status: '202' })).toBeGreaterThanOrEqual(2);
    expect(series(text, 'sigillo_http_request_duration_seconds_count', { method: 'POST', route: '/v1/events' })).toBeGreaterThanOrEqual(2);
    for (const queue of ['send', 'webhooks', 'anchoring', 'maintenance']) {
      expect({ queue, waiting: series(text, 'sigillo_queue_jobs', { queue, state: 'waiting' }) }).toEqual({ queue, waiting: expect.any(Number) });
    }
    expect(series(text, 'sigillo_webhook_payloads_pending')).toEqual(expect.any(Number));
    expect(series(text, 'sigillo_sequencer_pending_entries')).toEqual(expect.any(Number));
    expect(series(text, 'sigillo_sequencer_oldest_pending_age_seconds')).toEqual(expect.any(Number));
    expect(series(text, 'sigillo_ledger_tree_size')).toBeGreaterThanOrEqual(6);
    expect(series(text, 'sigillo_checkpoint_tree_size')).toBeGreaterThanOrEqual(6);
    expect(series(text, 'sigillo_checkpoint_age_seconds')).toBeLessThan(60);
    expect(series(text, 'sigillo_anchored_tree_size')).toBeGreaterThanOrEqual(6);
    expect(series(text, 'sigillo_anchor_age_seconds')).toBeLessThan(60);
    expect(series(text, 'sigillo_anchor_wait_seconds')).toBe(0);
    expect(series(text, 'sigillo_anchor_gas_used_total')).toBeGreaterThan(21_000);
    expect(series(text, 'sigillo_anchor_gas_used_last')).toBeGreaterThan(21_000);
    expect(series(text, 'sigillo_metrics_source_up', { source: 'database' })).toBe(1);
    expect(series(text, 'sigillo_metrics_source_up', { source: 'redis' })).toBe(1);
    expect(series(text, 'sigillo_api_process_cpu_user_seconds_total')).toEqual(expect.any(Number));
    // Route patterns only: never a path, which may hold a phone number.
    expect(text).not.toMatch(/\+39333/);
  });
});

describe('/admin/queues (Bull Board)', () => {
  const board = (path = '', headers: Record<string, string> = {}) => raw(`/admin/queues${path}`, { headers });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('refuses no key (401), an unknown key (401) and keys of other roles (403)', async () => {
    expect((await board()).status).toBe(401);
    expect((await board('', bearer('sk_admin_not-a-key'))).status).toBe(401);
    expect((await board('', bearer(stack.tenantKeys!.passweb))).status).toBe(403);
    expect((await board('/api/queues', bearer(stack.keys.auditor))).status).toBe(403);
  });

  it('shows the four queues to a deployment-wide admin key only: a tenant admin key gets 403, as header, ?key= or cookie', async () => {
    const page = await board('', bearer(stack.keys.admin));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toContain('<base href="/admin/queues/"');

    type Queues = { queues: { name: string; readOnlyMode: boolean }[] };
    const full = (await (await board('/api/queues', bearer(stack.keys.admin))).json()) as Queues;
    expect(full.queues.map((q) => q.name).sort()).toEqual(['anchoring', 'maintenance', 'send', 'webhooks']);
    expect(full.queues.every((q) => !q.readOnlyMode)).toBe(true);

    // The queues hold every tenant's jobs: a tenant's admin sees none of them, nor can act on them.
    const tenantAdmin = stack.tenantKeys!.admin;
    for (const path of ['', '/api/queues', '/api/queues/send?status=completed']) {
      const res = await board(path, bearer(tenantAdmin));
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
      expect(await res.json()).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: expect.stringMatching(/deployment-wide admin key.*every tenant's jobs/),
      });
    }
    expect((await raw('/admin/queues/api/queues/send/pause', { method: 'PUT', headers: bearer(tenantAdmin) })).status).toBe(403);
    const fromBrowser = await board(`?key=${encodeURIComponent(tenantAdmin)}`);
    expect(fromBrowser.status).toBe(403);
    expect(fromBrowser.headers.get('set-cookie')).toBeNull();
    expect((await board('', { cookie: `sigillo_admin_key=${encodeURIComponent(tenantAdmin)}` })).status).toBe(403);
  });

  it('takes the key once as ?key= from a browser: HttpOnly cookie, then the URL without the key', async () => {
    const first = await board(`?key=${encodeURIComponent(stack.keys.admin)}`);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/admin/queues');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^sigillo_admin_key=[^;]+; Path=\/admin\/queues; HttpOnly; SameSite=Strict/);
    const again = await board('', { cookie: cookie.split(';')[0] });
    expect(again.status).toBe(200);
    expect((await board(`?key=${encodeURIComponent(stack.tenantKeys!.passweb)}`)).status).toBe(403);
  });
});

describe('rate limiting', () => {
  it('answers 429 past the per-key limit, per key and not per client', async () => {
    const keys = stack.api.get(ApiKeysService);
    const first = (await keys.create('passweb', 'throttle-a', stack.tenant!.id)).key;
    const second = (await keys.create('passweb', 'throttle-b', stack.tenant!.id)).key;
    for (let i = 1; i <= RATE_LIMIT; i++) {
      const res = await raw('/v1/templates', { headers: { authorization: `Bearer ${first}` } });
      expect({ i, status: res.status }).toEqual({ i, status: 200 });
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(RATE_LIMIT - i));
    }
    const over = await raw('/v1/templates', { headers: { authorization: `Bearer ${first}` } });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await over.json()).toMatchObject({ statusCode: 429, message: `rate limit exceeded: at most ${RATE_LIMIT} requests per minute per API key` });
    // Same client, another key: its own budget.
    expect((await raw('/v1/templates', { headers: { authorization: `Bearer ${second}` } })).status).toBe(200);
  });

  it("does not count Meta's webhooks (no API key)", async () => {
    for (let i = 0; i < RATE_LIMIT + 5; i++) {
      const res = await raw('/v1/webhooks/whatsapp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' },
        body: '{}',
      });
      expect(res.status).toBe(401);
    }
  });
});

describe('/health', () => {
  it('is 200 with every part up, 503 naming the chain while its RPC is away, and 200 again after', async () => {
    const up = await waitFor(
      'a healthy stack',
      async () => {
        const res = await stack.call('GET', '/health', null);
        return res.status === 200 && res;
      },
      30_000,
      200,
    );
    expect(up.body).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, redis: { status: 'up' }, chain: { status: 'up', chainId: 31337 }, anchoring: { status: 'up' } },
    });
    expect(up.body.error).toEqual({});

    await stack.rpcProxy.pause();
    try {
      const down = await stack.call('GET', '/health', null);
      expect(down.status).toBe(503);
      expect(down.body.status).toBe('error');
      expect(down.body.error.chain).toMatchObject({ status: 'down', message: expect.any(String) });
      expect(Object.keys(down.body.error)).toEqual(['chain']);
      expect(down.body.info).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });

      // An entry that cannot be anchored while the chain is away fails the anchoring bound too.
      expect(await stack.call('POST', '/v1/events', stack.tenantKeys!.passweb, orderEvent())).toMatchObject({ status: 202 });
      const late = await waitFor(
        'the anchoring bound exceeded',
        async () => {
          const res = await stack.call('GET', '/health', null);
          return res.body.error?.anchoring && res;
        },
        30_000,
        250,
      );
      expect(late.status).toBe(503);
      expect(late.body.error.anchoring).toMatchObject({
        status: 'down',
        maxAgeMs: MAX_ANCHOR_AGE_MS,
        message: expect.stringMatching(/waited \d+ s for a confirmed anchor/),
      });
      expect((await stack.call('GET', '/health/live', null)).status).toBe(200);
    } finally {
      await stack.rpcProxy.resume();
    }
    await waitFor('healthy again', async () => (await stack.call('GET', '/health', null)).status === 200, 30_000, 250);
  });
});

/** Every Nest route of the running api as `METHOD /path/{param}`, from the controllers' metadata, but excluded controllers. */
function appRoutes(): string[] {
  const routes: string[] = [];
  for (const module of stack.api.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const metatype = wrapper.metatype as { prototype: Record<string, unknown> };
      if (Reflect.getMetadata('swagger/apiExcludeController', metatype)) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      for (const name of Object.getOwnPropertyNames(metatype.prototype)) {
        const handler = metatype.prototype[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const path = `/${[base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`;
        routes.push(`${RequestMethod[method]} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
      }
    }
  }
  return routes;
}
