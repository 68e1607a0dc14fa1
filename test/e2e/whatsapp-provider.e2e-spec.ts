// CloudApiProvider against the WhatsApp Cloud API simulator over real HTTP: the request body, the
// error mapping, the token refresh and the catalog paging as Sigillo will meet them at Meta.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type StartedSimulator } from '../../apps/wa-simulator/src/start-simulator.js';
import type { Binding } from '#sigillo/templates';
import { renderParameters } from '#sigillo/templates';
import { CloudApiProvider, type CloudApiProviderOptions, ProviderError } from '#sigillo/whatsapp';
import type { ProviderAccount, TemplateSend } from '#sigillo/whatsapp';

const TOKEN = 'sim-token';
const USER = '+393331234567';

let sim: StartedSimulator;

beforeAll(async () => {
  sim = await startSimulator({ accessToken: TOKEN, webhookUrl: null });
});

afterAll(async () => {
  await sim?.close();
});

beforeEach(() => {
  sim.control.reset();
});

function account(patch: Partial<ProviderAccount> = {}): ProviderAccount {
  return { baseUrl: sim.url, graphVersion: 'v23.0', phoneNumberId: '100000000000001', wabaId: '200000000000001', accessToken: TOKEN, ...patch };
}

function provider(options: CloudApiProviderOptions = {}, patch: Partial<ProviderAccount> = {}): CloudApiProvider {
  return new CloudApiProvider(account(patch), options);
}

/** A fetch that counts the requests going through it. */
function countingFetch() {
  const urls: string[] = [];
  const fn = ((input: string | URL | Request, init?: RequestInit) => {
    urls.push(String(input));
    return fetch(input, init);
  }) as typeof fetch;
  return { fn, urls };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    return error as ProviderError;
  }
  throw new Error('expected a ProviderError');
}

const orderUpdate = (body: string[] = ['Maria', 'ORD-42', 'Spedito', '129,90 €']): TemplateSend => ({
  to: USER,
  template: { name: 'order_status_update', language: 'it' },
  parameters: {
    header: { type: 'text', text: 'ORD-42' },
    body,
    buttons: [{ index: 0, subType: 'url', parameters: ['ORD-42'] }],
  },
});

describe('CloudApiProvider against the simulator', () => {
  describe('sendTemplate', () => {
    it('returns the wamid and wa_id of an accepted send, which the simulator kept with its callback data', async () => {
      const result = await provider().sendTemplate({
        to: USER,
        template: { name: 'reserved_area_message_read', language: 'it' },
        parameters: { body: ['Luca Bianchi', 'Preventivo'], buttons: [] },
        bizOpaqueCallbackData: 'evt-1',
      });
      expect(result.wamid).toMatch(/^wamid\./);
      expect(result.waId).toBe('393331234567');
      expect(sim.control.messages()).toEqual([
        expect.objectContaining({
          wamid: result.wamid,
          to: '393331234567',
          template: { name: 'reserved_area_message_read', language: 'it', category: 'UTILITY' },
          bizOpaqueCallbackData: 'evt-1',
        }),
      ]);
    });

    it('passes the parameter checks for a text header, body and URL button', async () => {
      await expect(provider().sendTemplate(orderUpdate())).resolves.toMatchObject({ wamid: expect.stringMatching(/^wamid\./) });
    });

    it('passes them for an image header, URL suffix and quick reply', async () => {
      const send: TemplateSend = {
        to: USER,
        template: { name: 'abandoned_cart_reminder', language: 'en' },
        parameters: {
          header: { type: 'image', link: 'https://shop.example/cart.jpg' },
          body: ['Mary', '3', '€87.50'],
          buttons: [
            { index: 0, subType: 'url', parameters: ['c-81f2'] },
            { index: 1, subType: 'quick_reply', parameters: ['cart-no'] },
          ],
        },
      };
      await expect(provider().sendTemplate(send)).resolves.toMatchObject({ wamid: expect.stringMatching(/^wamid\./) });
    });

    it('passes them for a document header with a file name', async () => {
      const send: TemplateSend = {
        to: USER,
        template: { name: 'file_uploaded', language: 'it' },
        parameters: {
          header: { type: 'document', link: 'https://shop.example/files/offerta.pdf', filename: 'offerta.pdf' },
          body: ['Maria', 'Luca', 'offerta.pdf', 'Preventivi'],
          buttons: [{ index: 0, subType: 'url', parameters: ['preventivi'] }],
        },
      };
      await expect(provider().sendTemplate(send)).resolves.toMatchObject({ wamid: expect.stringMatching(/^wamid\./) });
      expect(sim.control.messages()[0].components[0]).toEqual({
        type: 'header',
        parameters: [{ type: 'document', document: { link: 'https://shop.example/files/offerta.pdf', filename: 'offerta.pdf' } }],
      });
    });

    it('passes them for a copy-code button and a quick reply at index 2', async () => {
      const send: TemplateSend = {
        to: USER,
        template: { name: 'seasonal_promotion', language: 'it' },
        parameters: {
          header: { type: 'image', link: 'https://shop.example/promo.jpg' },
          body: ['Maria', '20%', '31 dicembre'],
          buttons: [
            { index: 0, subType: 'copy_code', parameters: ['NATALE20'] },
            { index: 2, subType: 'quick_reply', parameters: ['stop-promo'] },
          ],
        },
      };
      await expect(provider().sendTemplate(send)).resolves.toMatchObject({ wamid: expect.stringMatching(/^wamid\./) });
    });

    it('sends what the renderer makes of a template read from the catalog', async () => {
      const templates = await provider().listTemplates();
      const template = templates.find((t) => t.name === 'order_status_update' && t.language === 'it')!;
      const binding: Binding = {
        eventType: 'order.status_changed',
        templates: [{ name: 'order_status_update', language: 'it' }],
        variables: {
          'header.1': 'documentCode',
          'body.1': 'firstName',
          'body.2': 'documentCode',
          'body.3': 'documentStatus',
          'body.4': 'orderTotal',
          'button.0.1': 'documentCode',
        },
      };
      const rendered = renderParameters(template, binding, { firstName: 'Maria', documentCode: 'ORD-42', documentStatus: 'Spedito', orderTotal: '129,90 €' });
      if (!rendered.ok) throw new Error(`render failed: ${rendered.missing.join(', ')}`);
      await expect(
        provider().sendTemplate({ to: USER, template: { name: template.name, language: template.language }, parameters: rendered.parameters }),
      ).resolves.toMatchObject({
        wamid: expect.stringMatching(/^wamid\./),
      });
    });
  });

  describe('errors', () => {
    it("a wrong parameter count is permanent 132000 with Meta's details", async () => {
      const error = await failure(provider().sendTemplate(orderUpdate(['Maria', 'ORD-42'])));
      expect(error).toMatchObject({ kind: 'permanent', code: 132000, httpStatus: 400, fbtraceId: expect.any(String) });
      expect(error.details).toMatch(/number of localizable_params \(2\) does not match the expected number of params \(4\)/);
      expect(error.message).not.toContain('3331234567');
      expect(sim.control.messages()).toEqual([]);
    });

    it('a language the template lacks is permanent 132001', async () => {
      const send = { ...orderUpdate(), template: { name: 'order_status_update', language: 'fr' } };
      expect(await failure(provider().sendTemplate(send))).toMatchObject({ kind: 'permanent', code: 132001, httpStatus: 400 });
    });

    it('a paused template is permanent 132015', async () => {
      const send: TemplateSend = {
        to: USER,
        template: { name: 'agenda_activity_acknowledged', language: 'it' },
        parameters: { body: ['Luca', 'Riunione', '3 marzo'], buttons: [] },
      };
      expect(await failure(provider().sendTemplate(send))).toMatchObject({ kind: 'permanent', code: 132015, httpStatus: 400 });
    });

    it('a wrong token is auth 190; the refresh hook is used once and its token succeeds', async () => {
      let calls = 0;
      const p = provider({ onTokenExpired: async () => (calls++, TOKEN) }, { accessToken: 'stale-token' });
      await expect(p.sendTemplate(orderUpdate())).resolves.toMatchObject({ wamid: expect.stringMatching(/^wamid\./) });
      await expect(p.sendTemplate(orderUpdate())).resolves.toMatchObject({ wamid: expect.stringMatching(/^wamid\./) });
      expect(calls).toBe(1);
      expect(sim.control.messages()).toHaveLength(2);
    });

    it('a wrong token with no better one is auth 190, after one hook call, and never quoted', async () => {
      let calls = 0;
      const error = await failure(
        provider({ onTokenExpired: async () => (calls++, 'still-wrong-token') }, { accessToken: 'stale-token' }).sendTemplate(orderUpdate()),
      );
      expect(error).toMatchObject({ kind: 'auth', code: 190, httpStatus: 401 });
      expect(calls).toBe(1);
      expect(error.message).not.toContain('stale-token');
      expect(error.message).not.toContain('still-wrong-token');
      expect(await failure(provider({}, { accessToken: 'stale-token' }).listTemplates())).toMatchObject({ kind: 'auth', code: 190 });
    });

    it('throttling is transient 130429 with HTTP 429', async () => {
      sim.control.setFailureModes({ throughputPerSecond: 1 });
      const p = provider();
      await p.sendTemplate(orderUpdate());
      const error = await failure(p.sendTemplate(orderUpdate()));
      expect(error).toMatchObject({ kind: 'transient', code: 130429, httpStatus: 429, retryAfterMs: 1000 });
    });

    it('Meta-side trouble is transient', async () => {
      sim.control.setFailureModes({ transientErrorRate: 1 });
      const error = await failure(provider().sendTemplate(orderUpdate()));
      expect(error.kind).toBe('transient');
      expect([131000, 131016]).toContain(error.code);
    });

    it('an unknown phone number id is permanent 100', async () => {
      expect(await failure(provider({}, { phoneNumberId: '999' }).sendTemplate(orderUpdate()))).toMatchObject({ kind: 'permanent', code: 100 });
    });

    it('a closed port is a transient network error', async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const error = await failure(provider({}, { baseUrl: `http://127.0.0.1:${port}` }).sendTemplate(orderUpdate()));
      expect(error).toMatchObject({ kind: 'transient', code: null, httpStatus: null });
      expect(error.title).toMatch(/^network error: /);
    });

    it('a redirect is not followed (the token would go with it) and is permanent', async () => {
      let followed = false;
      const target = createServer((_req, res) => {
        followed = true;
        res.writeHead(200).end('{}');
      });
      const redirecting = createServer((_req, res) => {
        res.writeHead(302, { location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/` }).end();
      });
      await Promise.all([target, redirecting].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
      try {
        const { port } = redirecting.address() as AddressInfo;
        const error = await failure(provider({}, { baseUrl: `http://127.0.0.1:${port}` }).sendTemplate(orderUpdate()));
        expect(error).toMatchObject({ kind: 'permanent', httpStatus: 302, code: null });
        expect(followed).toBe(false);
      } finally {
        await Promise.all([target, redirecting].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
      }
    });

    it('a server that never answers times out as transient', async () => {
      const hanging: Server = createServer(() => {
        /* never answers */
      });
      await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = hanging.address() as AddressInfo;
        const error = await failure(provider({ timeoutMs: 200 }, { baseUrl: `http://127.0.0.1:${port}` }).sendTemplate(orderUpdate()));
        expect(error).toMatchObject({ kind: 'transient', title: 'request timed out', httpStatus: null });
      } finally {
        hanging.closeAllConnections();
        await new Promise<void>((resolve) => hanging.close(() => resolve()));
      }
    });
  });

  describe('listTemplates', () => {
    it('follows the paging across several pages and reads every seed template', async () => {
      const { fn, urls } = countingFetch();
      const skipped: string[] = [];
      const templates = await provider({ fetch: fn, templatePageSize: 3, onTemplateSkipped: (r) => skipped.push(r) }).listTemplates();
      const seed = sim.control.templates();
      expect(urls).toHaveLength(Math.ceil(seed.length / 3));
      expect(urls.slice(1).every((u) => new URL(u).searchParams.has('after') && !new URL(u).searchParams.has('access_token'))).toBe(true);
      expect(skipped).toEqual([]);
      expect(templates.map((t) => `${t.name}/${t.language}`)).toEqual(seed.map((t) => `${t.name}/${t.language}`));
    });

    it('reads components, statuses and categories as Sigillo needs them', async () => {
      const templates = await provider().listTemplates();
      const find = (name: string, language: string) => templates.find((t) => t.name === name && t.language === language);
      expect(find('order_status_update', 'it')).toEqual({
        name: 'order_status_update',
        language: 'it',
        category: 'UTILITY',
        status: 'APPROVED',
        components: {
          header: { format: 'TEXT', text: 'Ordine {{1}}', placeholders: [1] },
          body: { text: expect.stringContaining('{{4}}'), placeholders: [1, 2, 3, 4] },
          footer: { text: 'Passweb Shop' },
          buttons: [{ index: 0, type: 'URL', text: expect.any(String), url: 'https://shop.example/ordini/{{1}}', placeholders: [1] }],
        },
      });
      expect(find('agenda_activity_acknowledged', 'it')?.status).toBe('PAUSED');
      expect(find('seasonal_promotion', 'it')?.category).toBe('MARKETING');
      expect(find('seasonal_promotion', 'it')?.components.buttons.map((b) => b.type)).toEqual(['COPY_CODE', 'URL', 'QUICK_REPLY']);
      expect(find('login_otp', 'en')?.category).toBe('AUTHENTICATION');
      // Listed as Meta lists an authentication template: the copy-code button is a URL button taking the code.
      expect(find('login_otp', 'en')?.components.buttons).toEqual([
        { index: 0, type: 'URL', text: 'Copy code', url: 'https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}', placeholders: [1] },
      ]);
    });

    it('sees status changes made on the platform', async () => {
      await sim.control.setTemplateStatus('order_status_update', 'it', 'PAUSED');
      const templates = await provider().listTemplates();
      expect(templates.find((t) => t.name === 'order_status_update' && t.language === 'it')?.status).toBe('PAUSED');
    });
  });
});
