// The event lane serves POST /v1/events without Express's routing; this proves it answers every
// request exactly as the Express route does: the whole bad-input corpus for the route, the body
// parser's edge cases and valid events, sent to one api with the lane and one without.
import type { INestApplication } from '@nestjs/common';
import { createApi } from '../../apps/api/src/create-api.js';
import { HttpDrain } from '../../apps/api/src/health/http-drain.service.js';
import { DEMO_BINDINGS } from '../../scripts/dev/demo-bindings.js';
import { ApiConfig, loadConfig } from '../../libs/platform/src/config.js';
import { buildHttpCorpus, type KeyRef } from '../support/bad-input-corpus.js';
import { PASSWEB_EVENT_DATA } from '../support/passweb-event-data.js';
import { LedgerStack } from '../support/ledger-stack.js';

let stack: LedgerStack;
let plain: INestApplication;
let plainUrl: string;

interface Probe {
  name: string;
  body?: string | Buffer;
  contentType?: string | null;
  headers?: Record<string, string>;
  key?: KeyRef;
  path?: string;
  method?: string;
}

// Headers that differ between any two answers, whoever gives them.
const VOLATILE = new Set(['date', 'etag', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'keep-alive', 'connection']);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function event(id: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    type: 'message.sent',
    occurredAt: new Date().toISOString(),
    recipient: { userId: 'u-lane', phone: '+393330007777', language: 'it' },
    data: PASSWEB_EVENT_DATA['message.sent'],
    ...extra,
  });
}

async function answer(baseUrl: string, p: Probe): Promise<{ status: number; body: string; headers: Record<string, string> }> {
  const key = p.key ?? 'passweb';
  const headers: Record<string, string> = { 'x-request-id': 'lane-probe', ...(p.headers ?? {}) };
  if (key !== 'none') headers.authorization = typeof key === 'object' ? key.raw : `Bearer ${key === 'passweb' || key === 'admin' || key === 'auditor' ? stack.tenantKeys![key] : key === 'deploy-admin' ? stack.keys.admin : stack.keys.auditor}`;
  if (p.body !== undefined && p.contentType !== null) headers['content-type'] = p.contentType ?? 'application/json';
  const res = await fetch(`${baseUrl}${p.path ?? '/v1/events'}`, { method: p.method ?? 'POST', headers, body: p.body });
  return {
    status: res.status,
    body: (await res.text()).replace(UUID, '<uuid>'),
    headers: Object.fromEntries([...res.headers].filter(([name]) => !VOLATILE.has(name))),
  };
}

beforeAll(async () => {
  stack = await LedgerStack.start({ RATE_LIMIT_PER_MINUTE: '1000000' }, { simulator: {} });
  plain = await createApi(loadConfig(ApiConfig, stack.env), { eventLane: false });
  await plain.listen(0, '127.0.0.1');
  plainUrl = await plain.getUrl();
  expect((await stack.call('POST', '/v1/templates/sync', stack.tenantKeys!.admin)).status).toBe(200);
  expect((await stack.call('PUT', '/v1/bindings/message.sent', stack.tenantKeys!.admin, DEMO_BINDINGS['message.sent'])).status).toBe(200);
}, 120_000);

afterAll(async () => {
  await plain?.close();
  await stack?.stop();
});

describe('the event lane', () => {
  it('is in front of Express on the api the tests and main.ts build, and not when turned off', () => {
    // Both behind the shutdown gate (HttpDrain), which hands requests to the lane or to Express.
    const express = stack.api.getHttpAdapter().getInstance();
    expect(stack.api.get(HttpDrain).servedBy).not.toContain(express);
    expect(plain.get(HttpDrain).servedBy).toEqual([plain.getHttpAdapter().getInstance()]);
  });

  it('answers every bad-input case for POST /v1/events exactly as the Express route does', async () => {
    const cases = buildHttpCorpus().filter((c) => c.method === 'POST' && c.path.split('?')[0] === '/v1/events' && !c.sign);
    expect(cases.length).toBeGreaterThan(200);
    const differences: string[] = [];
    for (const c of cases) {
      const body = c.body === undefined ? undefined : typeof c.body === 'string' || Buffer.isBuffer(c.body) ? (c.body as string | Buffer) : JSON.stringify(c.body);
      const probe: Probe = { name: c.name, body, contentType: c.contentType, headers: c.headers, key: c.key, path: c.path };
      const [viaLane, viaExpress] = [await answer(stack.apiUrl, probe), await answer(plainUrl, probe)];
      if (JSON.stringify(viaLane) !== JSON.stringify(viaExpress)) differences.push(`${c.family} / ${c.name}: ${JSON.stringify(viaLane)} vs ${JSON.stringify(viaExpress)}`);
    }
    expect(differences).toEqual([]);
  }, 300_000);

  it('answers the body parser edge cases, valid events, repeats and conflicts as the Express route does', async () => {
    const probes: Probe[] = [
      { name: 'valid', body: event('lane-1') },
      { name: 'repeat', body: event('lane-1') },
      { name: 'conflict', body: event('lane-1', { createdByAgent: true }) },
      { name: 'charset', body: event('lane-2'), contentType: 'application/json; charset=utf-8' },
      { name: 'charset without space', body: event('lane-3'), contentType: 'application/json;charset=UTF-8' },
      { name: 'other charset', body: event('lane-4'), contentType: 'application/json; charset=latin1' },
      { name: 'utf-16', body: Buffer.from(event('lane-5'), 'utf16le'), contentType: 'application/json; charset=utf-16' },
      { name: 'other parameter', body: event('lane-6'), contentType: 'application/json; foo=bar' },
      { name: 'upper case type', body: event('lane-7'), contentType: 'Application/JSON' },
      { name: 'byte order mark', body: `\ufeff${event('lane-8')}` },
      { name: 'query string', body: event('lane-9'), path: '/v1/events?x=1' },
      { name: 'trailing slash', body: event('lane-10'), path: '/v1/events/' },
      { name: 'gzip claimed', body: event('lane-11'), headers: { 'content-encoding': 'gzip' } },
      { name: 'not json', body: '{"id":' },
      { name: 'a string', body: '"hello"' },
      { name: 'whitespace', body: '  \n' },
      { name: 'empty', body: '' },
      { name: 'invalid utf-8', body: Buffer.from([0x7b, 0x22, 0x69, 0x64, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
      { name: 'too large', body: event('lane-12', { data: { messageText: 'x'.repeat(70_000) } }) },
      { name: 'just at the limit', body: event('lane-13', { pad: 'x'.repeat(64 * 1024 - event('lane-13', { pad: '' }).length) }) },
      { name: 'deep', body: JSON.stringify({ id: 'd', data: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) }) },
      { name: 'text/plain', body: event('lane-14'), contentType: 'text/plain' },
      { name: 'no key', body: event('lane-15'), key: 'none' },
      { name: 'an auditor key', body: event('lane-16'), key: 'auditor' },
      { name: 'GET', method: 'GET' },
      { name: 'PUT', method: 'PUT', body: event('lane-17') },
    ];
    for (const p of probes) {
      const viaLane = await answer(stack.apiUrl, p);
      const viaExpress = await answer(plainUrl, p);
      expect({ probe: p.name, ...viaLane }).toEqual({ probe: p.name, ...viaExpress });
    }
  }, 120_000);

  it('takes events sent in pieces and over one connection, one after the other', async () => {
    for (let i = 0; i < 3; i++) {
      const body = event(`lane-piece-${i}`);
      const res = await fetch(`${stack.apiUrl}/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.tenantKeys!.passweb}`, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        body: new ReadableStream({
          start(controller) {
            const bytes = Buffer.from(body);
            for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.subarray(at, at + 7));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(res.status).toBe(202);
    }
  });
});
