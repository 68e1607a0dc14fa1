// The WhatsApp Cloud API simulator, driven over HTTP exactly as Sigillo drives Meta, with a plain
// node:http webhook receiver that checks X-Hub-Signature-256 on the raw bytes.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { maskPhone } from '../../apps/wa-simulator/src/messages/mask-phone.js';
import { startSimulator, type StartedSimulator } from '../../apps/wa-simulator/src/start-simulator.js';
import { waitFor } from '../support/wait-for.js';

const TOKEN = 'e2e-token';
const APP_SECRET = 'e2e-app-secret';
const PHONE_NUMBER_ID = '100000000000001';
const WABA_ID = '200000000000001';
const DISPLAY_PHONE = '15550001111';
const USER = '393331234567';
const SEED_TEMPLATES = 22;

interface Received {
  raw: string;
  body: any;
  headers: IncomingHttpHeaders;
  signatureValid: boolean;
}

/** What a Sigillo webhook endpoint does first: check the HMAC on the raw body, constant-time. */
class WebhookReceiver {
  readonly received: Received[] = [];
  /** Answers 500 to this many POSTs before answering 200 again. */
  failNext = 0;
  private server!: Server;
  url!: string;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const expected = Buffer.from(`sha256=${createHmac('sha256', APP_SECRET).update(raw).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
        const signatureValid = given.length === expected.length && timingSafeEqual(given, expected);
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(500).end();
          return;
        }
        this.received.push({ raw: raw.toString(), body: JSON.parse(raw.toString()), headers: req.headers, signatureValid });
        res.writeHead(signatureValid ? 200 : 401).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhooks/whatsapp`;
  }

  clear(): void {
    this.received.length = 0;
    this.failNext = 0;
  }

  /** Status objects for one wamid, in arrival order. */
  statuses(wamid: string): any[] {
    return this.received
      .flatMap((r) => r.body.entry.flatMap((e: any) => e.changes.flatMap((c: any) => c.value.statuses ?? [])))
      .filter((s: any) => s.id === wamid);
  }

  changes(field: string): any[] {
    return this.received.flatMap((r) => r.body.entry.flatMap((e: any) => e.changes.filter((c: any) => c.field === field)));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** A port nothing listens on (connections are refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let sim: StartedSimulator;
const receiver = new WebhookReceiver();

beforeAll(async () => {
  await receiver.start();
  sim = await startSimulator({
    accessToken: TOKEN,
    appSecret: APP_SECRET,
    webhookUrl: receiver.url,
    statusDelaysMs: [20, 40, 60],
    webhookBackoffMs: 20,
    webhookMaxAttempts: 4,
  });
});

afterAll(async () => {
  await sim?.close();
  await receiver.close();
});

beforeEach(() => {
  sim.control.reset();
  receiver.clear();
});

async function graph(method: 'GET' | 'POST', path: string, body?: unknown, token: string | null = TOKEN): Promise<{ status: number; json: any }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { ...(token !== null && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const raw = await res.text();
  return { status: res.status, json: raw === '' ? null : JSON.parse(raw) };
}

async function control(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: any }> {
  return graph(method, `/_sim${path}`, body, null);
}

function text(...values: string[]): { type: 'text'; text: string }[] {
  return values.map((t) => ({ type: 'text', text: t }));
}

function templateMessage(name: string, language: string, components: unknown[], to = USER, extra: object = {}): object {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'template',
    template: { name, language: { code: language }, components },
    ...extra,
  };
}

const readReceipt = (to = USER, extra: object = {}) =>
  templateMessage('reserved_area_message_read', 'it', [{ type: 'body', parameters: text('Luca Bianchi', 'Preventivo') }], to, extra);

const orderUpdate = (components: unknown[]) => templateMessage('order_status_update', 'it', components);
const orderComponents = () => [
  { type: 'header', parameters: text('ORD-42') },
  { type: 'body', parameters: text('Maria', 'ORD-42', 'Spedito', '129,90 €') },
  { type: 'button', sub_type: 'url', index: '0', parameters: text('ORD-42') },
];

function send(body: unknown, token: string | null = TOKEN, phoneNumberId = PHONE_NUMBER_ID): Promise<{ status: number; json: any }> {
  return graph('POST', `/v23.0/${phoneNumberId}/messages`, body, token);
}

async function sendOk(body: unknown): Promise<string> {
  const { status, json } = await send(body);
  expect({ status, json }).toMatchObject({ status: 200 });
  return json.messages[0].id as string;
}

function expectMetaError(res: { status: number; json: any }, httpStatus: number, code: number): void {
  expect(res.status).toBe(httpStatus);
  expect(res.json.error).toMatchObject({ code, type: expect.any(String), message: expect.any(String), fbtrace_id: expect.any(String) });
}

function expectWhatsAppError(res: { status: number; json: any }, code: number, httpStatus = 400): void {
  expectMetaError(res, httpStatus, code);
  expect(res.json.error.type).toBe('OAuthException');
  expect(res.json.error.message).toMatch(new RegExp(`^\\(#${code}\\) `));
  expect(res.json.error.error_data).toEqual({ messaging_product: 'whatsapp', details: expect.any(String) });
}

describe('WhatsApp Cloud API simulator', () => {
  it('answers /health', async () => {
    expect(await graph('GET', '/health', undefined, null)).toEqual({ status: 200, json: { status: 'ok' } });
  });

  describe('sending a template', () => {
    it('accepts a valid send with Meta’s exact answer and keeps it', async () => {
      const res = await send(readReceipt(USER, { biz_opaque_callback_data: 'evt-1' }));
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        messaging_product: 'whatsapp',
        // Since usernames Meta adds the user's business-scoped user id (BSUID) to the answer.
        contacts: [{ input: USER, wa_id: USER, user_id: expect.stringMatching(/^IT\.[0-9]+$/) }],
        messages: [{ id: expect.stringMatching(/^wamid\.[A-Za-z0-9+/]+=*$/), message_status: 'accepted' }],
      });
      const wamid = res.json.messages[0].id;
      expect(await sendOk(readReceipt())).not.toBe(wamid);

      const kept = await control('GET', `/messages?to=${USER}`);
      expect(kept.json).toHaveLength(2);
      expect(kept.json[0]).toMatchObject({
        wamid,
        to: USER,
        phoneNumberId: PHONE_NUMBER_ID,
        template: { name: 'reserved_area_message_read', language: 'it', category: 'UTILITY' },
        components: [{ type: 'body', parameters: text('Luca Bianchi', 'Preventivo') }],
        bizOpaqueCallbackData: 'evt-1',
        statuses: ['sent', 'delivered', 'read'],
        acceptedAt: expect.any(String),
      });
      expect((await control('GET', '/messages?to=391111111111')).json).toEqual([]);
    });

    it('answers the wa_id Meta resolves, which may differ from the number dialled (Brazil: 9th digit)', async () => {
      const res = await send(readReceipt('5531987654321'));
      expect(res.json.contacts).toEqual([{ input: '5531987654321', wa_id: '553187654321', user_id: expect.stringMatching(/^BR\.[0-9]+$/) }]);
    });

    it('sends to a business-scoped user id by `recipient` (`to` wins when both are given), never an authentication template', async () => {
      const byUserId = { ...(readReceipt() as Record<string, unknown>), to: undefined, recipient: 'IT.1502576394655843' };
      const res = await send(byUserId);
      expect(res.status).toBe(200);
      expect(res.json.contacts).toEqual([{ input: 'IT.1502576394655843', user_id: 'IT.1502576394655843' }]);
      const both = await send({ ...(readReceipt() as Record<string, unknown>), recipient: 'IT.1502576394655843' });
      expect(both.json.contacts[0]).toMatchObject({ input: USER, wa_id: USER });
      expectWhatsAppError(await send({ ...(readReceipt() as Record<string, unknown>), to: undefined, recipient: '393331234567' }), 100);
      const otp = templateMessage('login_otp', 'en', [
        { type: 'body', parameters: text('482913') },
        { type: 'button', sub_type: 'url', index: '0', parameters: text('482913') },
      ]) as Record<string, unknown>;
      expectWhatsAppError(await send({ ...otp, to: undefined, recipient: 'IT.1502576394655843' }), 131062);
    });

    it('accepts every component kind: text header, URL suffix, media header, quick reply, copy code, OTP', async () => {
      await sendOk(orderUpdate(orderComponents()));
      await sendOk(
        templateMessage('abandoned_cart_reminder', 'en', [
          { type: 'header', parameters: [{ type: 'image', image: { link: 'https://shop.example/cart.jpg' } }] },
          { type: 'body', parameters: text('Mary', '3', '€87.50') },
          { type: 'button', sub_type: 'url', index: 0, parameters: text('c-81f2') },
          { type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'cart-no' }] },
        ]),
      );
      await sendOk(
        templateMessage('file_uploaded', 'it', [
          { type: 'header', parameters: [{ type: 'document', document: { link: 'https://shop.example/c.pdf', filename: 'c.pdf' } }] },
          { type: 'body', parameters: text('Maria', 'Luca', 'Contratto.pdf', 'Contratti') },
          { type: 'button', sub_type: 'url', index: '0', parameters: text('contratti') },
        ]),
      );
      await sendOk(
        templateMessage('seasonal_promotion', 'it', [
          { type: 'header', parameters: [{ type: 'image', image: { link: 'https://shop.example/promo.jpg' } }] },
          { type: 'body', parameters: text('Maria', 'il 20%', '30 novembre') },
          { type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'PASSWEB20' }] },
        ]),
      );
      await sendOk(
        templateMessage('login_otp', 'en', [
          { type: 'body', parameters: text('482913') },
          { type: 'button', sub_type: 'url', index: '0', parameters: text('482913') },
        ]),
      );
      await sendOk(templateMessage('file_downloaded', 'it', [{ type: 'body', parameters: text('Maria', 'a.pdf', 'Contratti', 'scaricato', 'Luca') }]));
    });

    it('refuses a missing or wrong token with 401 / 190', async () => {
      for (const token of [null, 'not-the-token']) {
        const res = await send(readReceipt(), token);
        expectMetaError(res, 401, 190);
        expect(res.json.error.type).toBe('OAuthException');
      }
      expect(await control('GET', '/messages')).toMatchObject({ json: [] });
    });

    it('refuses an unknown phone number id with code 100', async () => {
      const res = await send(readReceipt(), TOKEN, '999');
      expectMetaError(res, 400, 100);
      expect(res.json.error.message).toContain("Object with ID '999' does not exist");
    });

    it('validates the envelope like Meta', async () => {
      const { messaging_product: _, ...noProduct } = readReceipt() as Record<string, unknown>;
      expectWhatsAppError(await send(noProduct), 100);
      expectWhatsAppError(await send({ ...readReceipt(), messaging_product: 'sms' }), 100);
      expectWhatsAppError(await send({ ...readReceipt(), to: '' }), 100);
      expectWhatsAppError(await send({ messaging_product: 'whatsapp', to: USER, type: 'text', text: { body: 'hi' } }), 131009);
      expectWhatsAppError(await send({ messaging_product: 'whatsapp', to: USER, type: 'template' }), 131008);
      expectWhatsAppError(await send({ messaging_product: 'whatsapp', to: USER, type: 'template', template: { name: 'login_otp' } }), 131008);
      expectWhatsAppError(await send(readReceipt(DISPLAY_PHONE)), 131021);
      const badJson = await fetch(`${sim.url}/v23.0/${PHONE_NUMBER_ID}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: '{"messaging_product":',
      });
      expectWhatsAppError({ status: badJson.status, json: await badJson.json() }, 100);
    });

    it('answers 132001 for a template missing in that language or not approved', async () => {
      for (const [name, language] of [
        ['no_such_template', 'it'],
        ['order_status_update', 'fr'],
        ['black_friday_preview', 'de'], // PENDING
        ['agenda_activity_reminder', 'de'], // REJECTED
      ]) {
        const res = await send(templateMessage(name, language, []));
        expectWhatsAppError(res, 132001);
        expect(res.json.error.message).toBe('(#132001) Template name does not exist in the translation');
      }
    });

    it('answers 132015 for a paused template and 132016 for a disabled one', async () => {
      const paused = templateMessage('agenda_activity_acknowledged', 'it', [{ type: 'body', parameters: text('Luca', 'Sopralluogo', '21/11') }]);
      expectWhatsAppError(await send(paused), 132015);
      const disabled = templateMessage('order_shipped_tracking', 'it', [
        { type: 'body', parameters: text('ORD-1', 'BRT') },
        { type: 'button', sub_type: 'url', index: '0', parameters: text('ORD-1') },
      ]);
      expectWhatsAppError(await send(disabled), 132016);
    });

    it('answers 132000 when a component has the wrong number of parameters', async () => {
      const [header, body, button] = orderComponents();
      expectWhatsAppError(await send(orderUpdate([header, { type: 'body', parameters: text('Maria', 'ORD-42', 'Spedito') }, button])), 132000);
      expectWhatsAppError(await send(orderUpdate([body, button])), 132000); // text header {{1}} not given
      expectWhatsAppError(await send(orderUpdate([header, body])), 132000); // URL suffix not given
      expectWhatsAppError(await send(orderUpdate([header, body, { ...button, parameters: text('a', 'b') }])), 132000);
      expectWhatsAppError(await send(templateMessage('login_otp', 'it', [{ type: 'body', parameters: text('482913') }])), 132000);
      const res = await send(orderUpdate([header, { type: 'body', parameters: text('Maria') }, button]));
      expect(res.json.error.error_data.details).toBe('body: number of localizable_params (1) does not match the expected number of params (4)');
    });

    it('answers 132012 for parameters of the wrong format, 132018 for text Meta refuses', async () => {
      const [header, body] = orderComponents();
      expectWhatsAppError(
        await send(orderUpdate([header, body, { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'x' }] }])),
        132012,
      );
      const cart = (headerParameters: unknown[]) =>
        templateMessage('abandoned_cart_reminder', 'it', [
          ...(headerParameters.length ? [{ type: 'header', parameters: headerParameters }] : []),
          { type: 'body', parameters: text('Maria', '3', '87,50 €') },
          { type: 'button', sub_type: 'url', index: '0', parameters: text('c-1') },
        ]);
      const missingImage = await send(cart([]));
      expectWhatsAppError(missingImage, 132012);
      expect(missingImage.json.error.error_data.details).toBe('header: Format mismatch, expected IMAGE, received UNKNOWN');
      expectWhatsAppError(await send(cart(text('not an image'))), 132012);
      expectWhatsAppError(
        await send(orderUpdate([header, { type: 'body', parameters: text('Maria', 'ORD-42', 'Spe\ndito', '1 €') }, orderComponents()[2]])),
        132018,
      );
      expectWhatsAppError(await send(orderUpdate([...orderComponents(), { type: 'button', sub_type: 'url', index: '5', parameters: text('x') }])), 131009);
    });

    it("checks a NAMED template's parameters by parameter_name: 132000 for a count, 132012 for a name", async () => {
      const named = (name: string, value: string, _?: string) => ({ type: 'text', parameter_name: name, text: value });
      const components = (
        body: unknown[],
        header: unknown[] = [{ type: 'text', parameter_name: 'order_id', text: 'ORD-42' }],
        button: unknown[] = [{ type: 'text', parameter_name: 'order_code', text: 'ORD-42' }],
      ) => [
        { type: 'header', parameters: header },
        { type: 'body', parameters: body },
        { type: 'button', sub_type: 'url', index: '0', parameters: button },
      ];
      const good = [named('status', 'Spedito', ''), named('first_name', 'Maria', ''), named('order_id', 'ORD-42', '')];
      const ready = (c: unknown[]) => templateMessage('order_ready_named', 'it', c);
      await sendOk(ready(components(good))); // any order: Meta matches names
      expectWhatsAppError(await send(ready(components(good.slice(1)))), 132000);
      const unnamed = await send(ready(components(text('Maria', 'ORD-42', 'Spedito'))));
      expectWhatsAppError(unnamed, 132012);
      expect(unnamed.json.error.error_data.details).toMatch(/parameter_name is required/);
      const unknown = await send(ready(components([named('nome', 'Maria', ''), ...good.slice(1)])));
      expectWhatsAppError(unknown, 132012);
      expect(unknown.json.error.error_data.details).toBe('body: parameter_name nome does not exist in the template (expected first_name, order_id, status)');
      expectWhatsAppError(await send(ready(components([good[0], good[0], good[2]]))), 132012);
      expectWhatsAppError(await send(ready(components(good, text('ORD-42')))), 132012);
      expectWhatsAppError(await send(ready(components(good, undefined, text('ORD-42')))), 132012);
      // parameter_name on a POSITIONAL template is a format mismatch too.
      const [header, , button] = orderComponents();
      expectWhatsAppError(
        await send(orderUpdate([header, { type: 'body', parameters: [named('a', 'Maria', ''), ...text('ORD-42', 'Spedito', '1 €')] }, button])),
        132012,
      );
    });

    it('accepts a malformed number and fails it asynchronously with 131026', async () => {
      const wamid = await sendOk(readReceipt('+39 333 123'));
      await sim.control.idle();
      const statuses = receiver.statuses(wamid);
      expect(statuses).toHaveLength(1);
      expect(statuses[0]).toMatchObject({
        status: 'failed',
        recipient_id: '+39 333 123',
        errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: expect.any(String) } }],
      });
      expect(statuses[0].pricing).toBeUndefined();
    });
  });

  describe('status webhooks', () => {
    it('POSTs sent → delivered → read in order, signed, in Meta’s shape', async () => {
      const wamid = await sendOk(readReceipt(USER, { biz_opaque_callback_data: 'evt-7' }));
      await sim.control.idle();
      expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
      expect(receiver.received[0].headers['content-type']).toBe('application/json');
      const statuses = receiver.statuses(wamid);
      expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
      const first = receiver.received[0].body;
      expect(first).toMatchObject({
        object: 'whatsapp_business_account',
        entry: [
          {
            id: WABA_ID,
            changes: [
              {
                field: 'messages',
                value: { messaging_product: 'whatsapp', metadata: { display_phone_number: DISPLAY_PHONE, phone_number_id: PHONE_NUMBER_ID } },
              },
            ],
          },
        ],
      });
      for (const s of statuses) {
        expect(s).toMatchObject({
          id: wamid,
          recipient_id: USER,
          timestamp: expect.stringMatching(/^\d{10}$/),
          biz_opaque_callback_data: 'evt-7',
          pricing: { billable: true, pricing_model: 'PMP', category: 'utility' },
        });
        expect(s.errors).toBeUndefined();
      }
      const times = statuses.map((s) => Number(s.timestamp));
      expect([...times].sort()).toEqual(times);
      const log = await control('GET', '/webhooks?field=messages');
      expect(log.json).toHaveLength(3);
      expect(log.json[0]).toMatchObject({ result: 'delivered', url: receiver.url, attempts: [{ status: 200 }] });
    });

    it('with failure rate 1 ends each send with a failed status carrying errors[]', async () => {
      await control('POST', '/failure-modes', { failureRate: 1 });
      const wamid = await sendOk(readReceipt());
      await sim.control.idle();
      const statuses = receiver.statuses(wamid);
      expect(statuses.map((s) => s.status)).toEqual(['sent', 'failed']);
      const [error] = statuses[1].errors;
      expect([131049, 131026]).toContain(error.code);
      expect(error).toEqual({
        code: error.code,
        title: expect.any(String),
        message: expect.any(String),
        error_data: { details: expect.any(String) },
        href: expect.stringContaining('error-codes'),
      });
      expect((await control('GET', '/messages')).json[0]).toMatchObject({ statuses: ['sent', 'failed'], errorCode: error.code });
    });

    it('sends each webhook twice, byte for byte, in duplicate mode', async () => {
      await control('POST', '/failure-modes', { duplicateWebhooks: true });
      const wamid = await sendOk(readReceipt());
      await sim.control.idle();
      expect(receiver.statuses(wamid).map((s) => s.status)).toEqual(['sent', 'sent', 'delivered', 'delivered', 'read', 'read']);
      expect(receiver.received[0].raw).toBe(receiver.received[1].raw);
    });

    it('sends read before delivered before sent in out-of-order mode, timestamps unchanged', async () => {
      await control('POST', '/failure-modes', { outOfOrder: true });
      const wamid = await sendOk(readReceipt());
      await sim.control.idle();
      const statuses = receiver.statuses(wamid);
      expect(statuses.map((s) => s.status)).toEqual(['read', 'delivered', 'sent']);
      expect(Number(statuses[0].timestamp)).toBeGreaterThanOrEqual(Number(statuses[2].timestamp));
    });

    it('retries a failing receiver with backoff and records every attempt', async () => {
      receiver.failNext = 2;
      const wamid = await sendOk(readReceipt());
      await sim.control.idle();
      expect(receiver.statuses(wamid).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);
      const [sent] = (await control('GET', '/webhooks')).json;
      expect(sent.result).toBe('delivered');
      expect(sent.attempts.map((a: any) => a.status)).toEqual([500, 500, 200]);
    });

    it('gives up on an unreachable receiver without falling over', async () => {
      await control('POST', '/webhook-url', { url: `http://127.0.0.1:${await closedPort()}/nowhere` });
      try {
        await sendOk(readReceipt());
        await sim.control.idle();
        const log = (await control('GET', '/webhooks')).json;
        expect(log.map((w: any) => w.result)).toEqual(['failed', 'failed', 'failed']);
        expect(log[0].attempts).toHaveLength(4);
        expect(log[0].attempts[0].error).toContain('ECONNREFUSED');
        expect((await graph('GET', '/health', undefined, null)).status).toBe(200);
      } finally {
        await control('POST', '/webhook-url', { url: receiver.url });
      }
    });
  });

  describe('failure modes', () => {
    it('reads, validates and resets them', async () => {
      expect((await control('GET', '/failure-modes')).json).toEqual({
        failureRate: 0,
        transientErrorRate: 0,
        permanentErrorCode: null,
        permanentErrorCount: null,
        duplicateWebhooks: false,
        outOfOrder: false,
        throughputPerSecond: 1000,
        statusDelaysMs: [20, 40, 60],
        sendLatencyMs: 0,
        statusWebhookDelayMs: 0,
        statusWebhookDropRate: 0,
      });
      expect((await control('POST', '/failure-modes', { failureRate: 2 })).status).toBe(400);
      expect((await control('POST', '/failure-modes', { failureRate: null })).status).toBe(400);
      expect((await control('POST', '/failure-modes', { statusDelaysMs: [1, 2] })).status).toBe(400);
      const unknown = await control('POST', '/failure-modes', { explode: true });
      expect(unknown.status).toBe(400);
      expect(JSON.stringify(unknown.json)).toContain('explode');
      expect((await control('POST', '/failure-modes', { outOfOrder: true, statusDelaysMs: [5, 6, 7] })).json).toMatchObject({
        outOfOrder: true,
        statusDelaysMs: [5, 6, 7],
      });
      expect((await control('POST', '/reset')).status).toBe(204);
      expect((await control('GET', '/failure-modes')).json).toMatchObject({ outOfOrder: false, statusDelaysMs: [20, 40, 60] });
    });

    it('answers transient errors synchronously: 131000/500 or 131016/503 (never 130429, which means throughput)', async () => {
      await control('POST', '/failure-modes', { transientErrorRate: 1 });
      for (let i = 0; i < 6; i++) {
        const res = await send(readReceipt());
        const expected = { 500: 131000, 503: 131016 }[res.status as 500 | 503];
        expect(expected).toBeDefined();
        expectWhatsAppError(res, expected!, res.status);
      }
      expect((await control('GET', '/messages')).json).toEqual([]);
    });

    it('holds status webhooks back with statusWebhookDelayMs and never delivers those statusWebhookDropRate drops', async () => {
      await control('POST', '/failure-modes', { statusWebhookDelayMs: 300, statusWebhookDropRate: 1 });
      const dropped = await sendOk(readReceipt());
      await control('POST', '/failure-modes', { statusWebhookDropRate: 0 });
      const started = Date.now();
      const late = await sendOk(readReceipt());
      const [first, second] = (await control('GET', '/messages')).json;
      expect(first).toMatchObject({ wamid: dropped, droppedStatuses: first.statuses });
      expect(second).toMatchObject({ wamid: late, droppedStatuses: [] });
      await waitFor('the held-back statuses', async () => receiver.statuses(late).length === 3, 5_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      await sim.control.idle();
      expect(receiver.statuses(dropped)).toHaveLength(0);
      expect((await control('POST', '/failure-modes', { statusWebhookDropRate: 1.5 })).status).toBe(400);
    });

    it('answers late with sendLatencyMs, the message being accepted before the wait', async () => {
      await control('POST', '/failure-modes', { sendLatencyMs: 400 });
      const started = Date.now();
      const answered = sendOk(readReceipt());
      await new Promise((r) => setTimeout(r, 150));
      // Accepted already (a client killed now has sent it), answered only later.
      expect((await control('GET', '/messages')).json).toHaveLength(1);
      const wamid = await answered;
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
      expect((await control('GET', '/messages')).json[0].wamid).toBe(wamid);
    });

    it('forces a synchronous code on the next N sends, an asynchronous one through a failed status', async () => {
      await control('POST', '/failure-modes', { permanentErrorCode: 131056, permanentErrorCount: 2 });
      expectWhatsAppError(await send(readReceipt()), 131056);
      expectWhatsAppError(await send(readReceipt()), 131056);
      await sendOk(readReceipt());
      expect((await control('GET', '/failure-modes')).json).toMatchObject({ permanentErrorCode: null, permanentErrorCount: null });

      await control('POST', '/failure-modes', { permanentErrorCode: 131047 });
      const wamids = [await sendOk(readReceipt()), await sendOk(readReceipt())];
      await sim.control.idle();
      for (const wamid of wamids) {
        const statuses = receiver.statuses(wamid);
        expect(statuses.map((s) => s.status)).toEqual(['sent', 'failed']);
        expect(statuses[1].errors[0].code).toBe(131047);
      }
    });

    it('answers the throttling codes 131048 and 131064 on the send itself, like Meta, never in a status webhook', async () => {
      for (const code of [131048, 131064]) {
        await control('POST', '/failure-modes', { permanentErrorCode: code, permanentErrorCount: 1 });
        const before = (await control('GET', '/messages')).json.length;
        const res = await send(readReceipt());
        expectWhatsAppError(res, code);
        expect((await control('GET', '/messages')).json).toHaveLength(before);
        expect((await send(readReceipt())).status).toBe(200);
      }
    });

    it('limits throughput per phone number over a sliding second with 130429 / HTTP 429', async () => {
      sim.control.setFailureModes({ throughputPerSecond: 3 });
      const results = await Promise.all(Array.from({ length: 5 }, () => send(readReceipt())));
      expect(results.filter((r) => r.status === 200)).toHaveLength(3);
      const limited = results.filter((r) => r.status !== 200);
      expect(limited).toHaveLength(2);
      for (const res of limited) {
        expectWhatsAppError(res, 130429, 429);
        expect(res.json.error.message).toBe('(#130429) Rate limit hit');
      }
      await sleep(1_050);
      expect((await send(readReceipt())).status).toBe(200);
    });
  });

  describe('message templates', () => {
    const listPath = (query: string) => `/v23.0/${WABA_ID}/message_templates${query}`;

    it('pages Meta-style with cursors and a full next URL', async () => {
      const first = await graph('GET', listPath('?limit=6&fields=name,status,language,category,components'));
      expect(first.status).toBe(200);
      expect(first.json.data).toHaveLength(6);
      expect(first.json.paging).toEqual({ cursors: { before: expect.any(String), after: expect.any(String) }, next: expect.any(String) });
      const next = new URL(first.json.paging.next);
      expect(next.origin).toBe(sim.url);
      expect(next.searchParams.get('after')).toBe(first.json.paging.cursors.after);
      expect(next.searchParams.get('limit')).toBe('6');

      const all: any[] = [];
      let url: string | undefined = `${sim.url}${listPath('?limit=6')}`;
      while (url) {
        const page: any = await (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
        all.push(...page.data);
        url = page.paging?.next;
      }
      expect(all).toHaveLength(SEED_TEMPLATES);
      expect(new Set(all.map((t) => `${t.name}/${t.language}`)).size).toBe(SEED_TEMPLATES);
      expect(all[0]).toMatchObject({ id: expect.stringMatching(/^\d+$/), parameter_format: 'POSITIONAL', components: expect.any(Array) });

      const defaults = await graph('GET', listPath(''));
      expect(defaults.json.data).toHaveLength(SEED_TEMPLATES); // default limit 25
      expect(defaults.json.paging.next).toBeUndefined();
    });

    it('covers the seed’s promises: languages, categories, statuses, component kinds', async () => {
      const { json } = await graph('GET', listPath('?limit=100'));
      const templates: any[] = json.data;
      expect(new Set(templates.map((t) => t.language))).toEqual(new Set(['it', 'en', 'de']));
      expect(new Set(templates.map((t) => t.category))).toEqual(new Set(['MARKETING', 'UTILITY', 'AUTHENTICATION']));
      for (const status of ['APPROVED', 'PAUSED', 'REJECTED', 'DISABLED', 'PENDING']) expect(templates.some((t) => t.status === status)).toBe(true);
      const components = templates.flatMap((t) => t.components);
      const buttons = components.filter((c) => c.type === 'BUTTONS').flatMap((c) => c.buttons);
      expect(components.some((c) => c.type === 'HEADER' && c.format === 'TEXT' && c.text.includes('{{1}}'))).toBe(true);
      expect(components.some((c) => c.type === 'HEADER' && c.format === 'IMAGE')).toBe(true);
      expect(components.some((c) => c.type === 'HEADER' && c.format === 'DOCUMENT')).toBe(true);
      expect(buttons.some((b) => b.type === 'URL' && b.url.endsWith('{{1}}'))).toBe(true);
      for (const type of ['QUICK_REPLY', 'PHONE_NUMBER', 'COPY_CODE']) expect(buttons.some((b) => b.type === type)).toBe(true);
      const otp = templates.find((t) => t.category === 'AUTHENTICATION');
      // Created with an OTP copy-code button, listed by Meta as a URL button whose {{1}} takes the code.
      expect(otp.components.find((c: any) => c.type === 'BUTTONS').buttons[0]).toMatchObject({
        type: 'URL',
        url: 'https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}',
      });
      const named = templates.filter((t) => t.parameter_format === 'NAMED');
      expect(named.map((t) => `${t.name}/${t.language}`)).toEqual(['order_ready_named/it', 'order_ready_named/en']);
      expect(named[0].components.find((c: any) => c.type === 'BUTTONS').buttons[0].url).toBe('https://shop.example/ordini/{{order_code}}');
      const counts = templates.map((t) => new Set(t.components.find((c: any) => c.type === 'BODY').text.match(/\{\{\d+\}\}/g)).size);
      for (let n = 1; n <= 5; n++) expect(counts).toContain(n);
    });

    it('answers only the fields asked for, and id, like Graph', async () => {
      const { json } = await graph('GET', listPath('?name=order_ready_named&fields=name,parameter_format'));
      expect(json.data).toEqual([
        { id: '1180000000000901', name: 'order_ready_named', parameter_format: 'NAMED' },
        { id: '1180000000000902', name: 'order_ready_named', parameter_format: 'NAMED' },
      ]);
      const positional = await graph('GET', listPath('?name=login_otp&fields=parameter_format,language'));
      expect(positional.json.data).toEqual([
        { id: expect.any(String), language: 'it', parameter_format: 'POSITIONAL' },
        { id: expect.any(String), language: 'en', parameter_format: 'POSITIONAL' },
      ]);
      expectWhatsAppError(await graph('GET', listPath('?fields=name,secret')), 100);
    });

    it('filters by status and refuses bad tokens, WABA ids and cursors', async () => {
      const paused = await graph('GET', listPath('?status=PAUSED'));
      expect(paused.json.data.map((t: any) => t.name)).toEqual(['agenda_activity_acknowledged']);
      expectMetaError(await graph('GET', listPath(''), undefined, null), 401, 190);
      expectMetaError(await graph('GET', '/v23.0/123/message_templates'), 400, 100);
      expectWhatsAppError(await graph('GET', listPath('?after=garbage')), 100);
      expectWhatsAppError(await graph('GET', listPath('?limit=0')), 100);
    });
  });

  describe('events only WhatsApp users and Meta cause', () => {
    it('emits a signed inbound message webhook, which opens the free utility window', async () => {
      const res = await control('POST', '/inbound', { from: USER, text: 'Quando arriva il mio ordine?', name: 'Maria Rossi' });
      expect(res.status).toBe(200);
      expect(res.json.webhook).toMatchObject({ result: 'delivered', field: 'messages' });
      const [inbound] = receiver.received;
      expect(inbound.signatureValid).toBe(true);
      expect(inbound.body.entry[0].changes[0]).toEqual({
        field: 'messages',
        value: {
          messaging_product: 'whatsapp',
          metadata: { display_phone_number: DISPLAY_PHONE, phone_number_id: PHONE_NUMBER_ID },
          contacts: [{ profile: { name: 'Maria Rossi' }, wa_id: USER }],
          messages: [
            { from: USER, id: res.json.id, timestamp: expect.stringMatching(/^\d{10}$/), type: 'text', text: { body: 'Quando arriva il mio ordine?' } },
          ],
        },
      });
      const wamid = await sendOk(readReceipt());
      await sim.control.idle();
      expect(receiver.statuses(wamid)[0].pricing).toEqual({ billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'utility' });
      expect((await control('POST', '/inbound', { from: 'abc', text: '' })).status).toBe(400);
    });

    it('changes a template’s status with a message_template_status_update webhook', async () => {
      const res = await control('POST', '/templates/reserved_area_message_read/it/status', { status: 'PAUSED' });
      expect(res.status).toBe(200);
      const [change] = receiver.changes('message_template_status_update');
      expect(change.value).toMatchObject({
        event: 'PAUSED',
        message_template_id: 1180000000000302,
        message_template_name: 'reserved_area_message_read',
        message_template_language: 'it',
        reason: 'NONE',
      });
      expect(receiver.received[0].body.entry[0]).toMatchObject({ id: WABA_ID, time: expect.any(Number) });
      expectWhatsAppError(await send(readReceipt()), 132015);

      await control('POST', '/templates/reserved_area_message_read/it/status', { status: 'APPROVED' });
      await sendOk(readReceipt());
      expect((await control('POST', '/templates/nope/it/status', { status: 'PAUSED' })).status).toBe(404);
      expect((await control('POST', '/templates/login_otp/it/status', { status: 'ALMOST' })).status).toBe(400);

      await control('POST', '/templates/login_otp/it/status', { status: 'DISABLED' });
      sim.control.reset();
      const otp = (await graph('GET', `/v23.0/${WABA_ID}/message_templates?name=login_otp&language=it`)).json.data[0];
      expect(otp.status).toBe('APPROVED');
    });

    it('emits user_preferences webhooks; a stopped user’s marketing sends fail with 131050', async () => {
      const promo = templateMessage('seasonal_promotion', 'en', [
        { type: 'header', parameters: [{ type: 'image', image: { link: 'https://shop.example/promo.jpg' } }] },
        { type: 'body', parameters: text('Mary', '20%', '30 November') },
        { type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'PASSWEB20' }] },
      ]);
      const stop = await control('POST', '/user-preferences', { wa_id: USER, preference: 'stop' });
      expect(stop.status).toBe(200);
      expect(receiver.changes('user_preferences')[0].value).toMatchObject({
        messaging_product: 'whatsapp',
        metadata: { phone_number_id: PHONE_NUMBER_ID },
        contacts: [{ wa_id: USER }],
        user_preferences: [
          { wa_id: USER, detail: 'User requested to stop marketing messages', category: 'marketing_messages', value: 'stop', timestamp: expect.any(Number) },
        ],
      });
      const refused = await sendOk(promo);
      const utility = await sendOk(readReceipt());
      await sim.control.idle();
      expect(receiver.statuses(refused).map((s) => [s.status, s.errors?.[0]?.code])).toEqual([['failed', 131050]]);
      expect(receiver.statuses(utility).map((s) => s.status)).toEqual(['sent', 'delivered', 'read']);

      await control('POST', '/user-preferences', { wa_id: USER, preference: 'resume' });
      const resumed = await sendOk(promo);
      await sim.control.idle();
      expect(receiver.statuses(resumed).map((s) => [s.status, s.pricing?.category])).toEqual([
        ['sent', 'marketing'],
        ['delivered', 'marketing'],
        ['read', 'marketing'],
      ]);
      expect((await control('POST', '/user-preferences', { wa_id: USER, preference: 'maybe' })).status).toBe(400);
    });
  });

  describe('housekeeping', () => {
    it('reset clears messages and the webhook log and cancels pending status webhooks', async () => {
      await control('POST', '/failure-modes', { statusDelaysMs: [200, 300, 400] });
      await sendOk(readReceipt());
      sim.control.reset();
      await sim.control.idle();
      await sleep(450);
      expect(receiver.received).toEqual([]);
      expect((await control('GET', '/messages')).json).toEqual([]);
      expect((await control('GET', '/webhooks')).json).toEqual([]);
    });

    it('counts messages, planned statuses, webhooks and pending ones in /_sim/stats; reset zeroes them', async () => {
      await control('POST', '/failure-modes', { statusDelaysMs: [20, 40, 300] });
      await sendOk(readReceipt());
      await sendOk(orderUpdate(orderComponents()));
      const stats = async () => (await control('GET', '/stats')).json;
      await waitFor('four delivered webhooks', async () => (await stats()).webhooks === 4 && receiver.received.length === 4, 2_000, 10);
      expect(await stats()).toEqual({ messages: 2, statuses: 6, webhooks: 4, webhooksPending: 0 });
      await waitFor('all six webhooks', async () => (await stats()).webhooksPending === 0 && receiver.received.length === 6, 2_000, 10);
      expect(await stats()).toEqual({ messages: 2, statuses: 6, webhooks: 6, webhooksPending: 0 });
      await control('POST', '/failure-modes', { statusDelaysMs: [300, 400, 500] });
      await sendOk(readReceipt());
      sim.control.reset();
      expect(await stats()).toEqual({ messages: 0, statuses: 0, webhooks: 0, webhooksPending: 0 });
    });

    it('records webhooks without POSTing them when no webhook URL is set', async () => {
      const quiet = await startSimulator({ statusDelaysMs: [1, 2, 3] });
      try {
        const res = await fetch(`${quiet.url}/v23.0/${PHONE_NUMBER_ID}/messages`, {
          method: 'POST',
          headers: { authorization: 'Bearer sim-token', 'content-type': 'application/json' },
          body: JSON.stringify(readReceipt()),
        });
        expect(res.status).toBe(200);
        await quiet.control.idle();
        await waitFor('three recorded webhooks', async () => quiet.control.webhooks().length === 3, 2_000, 20);
        expect(quiet.control.webhooks().map((w) => w.result)).toEqual(['not-configured', 'not-configured', 'not-configured']);
      } finally {
        await quiet.close();
      }
    });

    it('masks phone numbers in log lines', () => {
      expect(maskPhone('393334564567')).toBe('+39******4567');
      expect(maskPhone('+39 333 456 4567')).toBe('+39******4567');
      expect(maskPhone('12')).toBe('+12');
    });
  });
});
