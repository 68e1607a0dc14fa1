import { CloudApiProvider, type CloudApiProviderOptions } from './cloud-api.provider.js';
import { ProviderError } from './provider-error.js';
import type { ProviderAccount, TemplateSend } from './whatsapp-provider.js';

const TOKEN = 'EAAtoken-that-must-never-leak-0123456789';
const account: ProviderAccount = {
  baseUrl: 'https://graph.example/',
  graphVersion: 'v23.0',
  phoneNumberId: '100000000000001',
  wabaId: '200000000000001',
  accessToken: TOKEN,
};
const send: TemplateSend = {
  to: '+393331234567',
  template: { name: 'hello', language: 'it' },
  parameters: { body: ['Mario'], buttons: [] },
};

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  raw?: unknown;
  signal: AbortSignal | null;
}

type Answer = Response | Error | ((call: Call) => Response | Error | Promise<Response>);

/** A fetch that answers from a script and records what it was asked. */
function fakeFetch(...answers: Answer[]) {
  const calls: Call[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      raw: init?.body,
      signal: init?.signal ?? null,
    };
    calls.push(call);
    const answer = answers.length > 1 ? answers.shift()! : answers[0];
    const result = typeof answer === 'function' ? await answer(call) : answer;
    if (result instanceof Error) throw result;
    // A scripted answer may be given more than once; a body can be read only once.
    return result.clone();
  }) as typeof fetch;
  return { fn, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const sent = (id = 'wamid.ABC') =>
  json(200, { messaging_product: 'whatsapp', contacts: [{ input: '+393331234567', wa_id: '393331234567' }], messages: [{ id }] });
const metaError = (status: number, code: number, message = `(#${code}) error`) =>
  json(status, { error: { message, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details: 'd' }, fbtrace_id: 'trace' } });

const provider = (f: typeof fetch, options: CloudApiProviderOptions = {}, acc: ProviderAccount = account) =>
  new CloudApiProvider(acc, { fetch: f, ...options });

/** A refresh hook that counts its calls (jest.fn is not a global under ESM). */
function counted(hook: () => Promise<string | null>) {
  const wrapped = Object.assign(
    () => {
      wrapped.calls++;
      return hook();
    },
    { calls: 0 },
  );
  return wrapped;
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

describe('CloudApiProvider.sendTemplate', () => {
  it("POSTs Meta's body to /{version}/{phone-number-id}/messages with the bearer token", async () => {
    const { fn, calls } = fakeFetch(sent());
    await expect(provider(fn).sendTemplate(send)).resolves.toEqual({ wamid: 'wamid.ABC', waId: '393331234567' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      url: 'https://graph.example/v23.0/100000000000001/messages',
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: '393331234567',
        type: 'template',
        template: { name: 'hello', language: { code: 'it' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Mario' }] }] },
      },
    });
    expect(calls[0].signal).toBeInstanceOf(AbortSignal);
  });

  it("keeps a base path (a reseller's prefix) and encodes ids", async () => {
    const { fn, calls } = fakeFetch(sent());
    await provider(fn, {}, { ...account, baseUrl: 'https://api.reseller.example/wa/', phoneNumberId: '1/2' }).sendTemplate(send);
    expect(calls[0].url).toBe('https://api.reseller.example/wa/v23.0/1%2F2/messages');
  });

  it('refuses a bad recipient before any request', async () => {
    const { fn, calls } = fakeFetch(sent());
    const error = await failure(provider(fn).sendTemplate({ ...send, to: '393331234567' }));
    expect(error.kind).toBe('permanent');
    expect(calls).toHaveLength(0);
  });

  it.each<[number, number, string]>([
    [400, 132000, 'permanent'],
    [404, 132001, 'permanent'],
    [400, 132015, 'permanent'],
    [429, 130429, 'transient'],
    [400, 131056, 'transient'],
    [500, 131000, 'transient'],
    [401, 190, 'auth'],
  ])('maps HTTP %p code %p to %s', async (status, code, kind) => {
    const { fn } = fakeFetch(metaError(status, code));
    const error = await failure(provider(fn).sendTemplate(send));
    expect(error).toMatchObject({ kind, code, httpStatus: status, details: 'd', fbtraceId: 'trace' });
  });

  it('passes Retry-After on', async () => {
    const { fn } = fakeFetch(metaError(429, 130429));
    const withHeader = fakeFetch(json(429, { error: { code: 130429, message: 'slow' } }, { 'retry-after': '2' }));
    expect((await failure(provider(fn).sendTemplate(send))).retryAfterMs).toBe(1000);
    expect((await failure(provider(withHeader.fn).sendTemplate(send))).retryAfterMs).toBe(2000);
  });

  it('keeps the token and the number out of errors even when Meta echoes them', async () => {
    const { fn } = fakeFetch(
      json(400, { error: { message: `token ${TOKEN} for 393331234567`, code: 131026, error_data: { details: `+393331234567 ${TOKEN}` } } }),
    );
    const error = await failure(provider(fn).sendTemplate(send));
    for (const text of [error.message, error.title, error.details ?? '', JSON.stringify(error), String(error.stack)]) {
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('3331234567');
    }
  });

  it('with a non-Meta token still cuts it out exactly', async () => {
    const { fn } = fakeFetch(json(401, { error: { message: 'bad token sim-wrong', code: 190 } }));
    const error = await failure(provider(fn, {}, { ...account, accessToken: 'sim-wrong' }).sendTemplate(send));
    expect(error.message).not.toContain('sim-wrong');
  });

  it('a network failure is transient and says nothing of the token', async () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const { fn } = fakeFetch(refused);
    const error = await failure(provider(fn).sendTemplate(send));
    expect(error).toMatchObject({ kind: 'transient', httpStatus: null, code: null, title: 'network error: fetch failed (ECONNREFUSED)' });
  });

  it('times out a slow answer as transient', async () => {
    const { fn } = fakeFetch(
      (call) =>
        new Promise<Response>((_, reject) => {
          call.signal?.addEventListener('abort', () => reject(call.signal?.reason));
        }),
    );
    const error = await failure(provider(fn, { timeoutMs: 20 }).sendTemplate(send));
    expect(error).toMatchObject({ kind: 'transient', title: 'request timed out' });
  });

  it('a 2xx that is not JSON is permanent', async () => {
    const { fn } = fakeFetch(new Response('<html>ok</html>', { status: 200 }));
    expect(await failure(provider(fn).sendTemplate(send))).toMatchObject({ kind: 'permanent', httpStatus: 200, details: 'a 2xx answer that is not JSON' });
  });

  it('a 2xx without a wamid is permanent', async () => {
    const { fn } = fakeFetch(json(200, { messaging_product: 'whatsapp', messages: [] }));
    expect(await failure(provider(fn).sendTemplate(send))).toMatchObject({ kind: 'permanent', title: 'unexpected send response' });
  });

  it('does not follow a redirect: it is a permanent error', async () => {
    const { fn, calls } = fakeFetch(new Response(null, { status: 301, headers: { location: 'https://elsewhere.example/' } }));
    expect(await failure(provider(fn).sendTemplate(send))).toMatchObject({ kind: 'permanent', httpStatus: 301 });
    expect(calls).toHaveLength(1);
  });

  it('a 502 HTML page from a proxy is transient', async () => {
    const { fn } = fakeFetch(new Response('<html>Bad Gateway</html>', { status: 502 }));
    expect(await failure(provider(fn).sendTemplate(send))).toMatchObject({ kind: 'transient', httpStatus: 502, code: null });
  });
});

describe('token refresh', () => {
  it('calls the hook once on 190 and retries once with the new token, which it keeps', async () => {
    const { fn, calls } = fakeFetch(metaError(401, 190), sent('wamid.1'), sent('wamid.2'));
    const hook = counted(async () => 'EAAfresh');
    const p = provider(fn, { onTokenExpired: hook });
    await expect(p.sendTemplate(send)).resolves.toMatchObject({ wamid: 'wamid.1' });
    await expect(p.sendTemplate(send)).resolves.toMatchObject({ wamid: 'wamid.2' });
    expect(hook.calls).toBe(1);
    expect(calls.map((c) => c.headers['Authorization'])).toEqual([`Bearer ${TOKEN}`, 'Bearer EAAfresh', 'Bearer EAAfresh']);
  });

  it('gives up with the auth error when the new token is refused too', async () => {
    const { fn, calls } = fakeFetch(metaError(401, 190));
    const hook = counted(async () => 'EAAstillbad');
    const error = await failure(provider(fn, { onTokenExpired: hook }).sendTemplate(send));
    expect(error).toMatchObject({ kind: 'auth', code: 190 });
    expect(error.message).not.toContain('EAAstillbad');
    expect(hook.calls).toBe(1);
    expect(calls).toHaveLength(2);
  });

  it.each<[string, () => Promise<string | null>]>([
    ['null', async () => null],
    ['an empty token', async () => ''],
    ['a throw', async () => Promise.reject(new Error('vault down'))],
  ])('gives up without retrying when the hook returns %s', async (_label, hook) => {
    const { fn, calls } = fakeFetch(metaError(401, 190));
    expect(await failure(provider(fn, { onTokenExpired: hook }).sendTemplate(send))).toMatchObject({ kind: 'auth' });
    expect(calls).toHaveLength(1);
  });

  it('asks the hook again on a later operation after a failed refresh, even a synchronous throw', async () => {
    let attempt = 0;
    const hook = (() => {
      if (++attempt === 1) throw new Error('sync failure');
      return Promise.resolve('EAAfresh');
    }) as () => Promise<string | null>;
    const { fn } = fakeFetch((call) => (call.headers['Authorization'] === 'Bearer EAAfresh' ? sent() : metaError(401, 190)));
    const p = provider(fn, { onTokenExpired: hook });
    expect(await failure(p.sendTemplate(send))).toMatchObject({ kind: 'auth' });
    await expect(p.sendTemplate(send)).resolves.toMatchObject({ wamid: 'wamid.ABC' });
    expect(attempt).toBe(2);
  });

  it('does not refresh on other errors, nor without a hook', async () => {
    const hook = counted(async () => 'x');
    await failure(provider(fakeFetch(metaError(400, 132000)).fn, { onTokenExpired: hook }).sendTemplate(send));
    expect(hook.calls).toBe(0);
    const { fn, calls } = fakeFetch(metaError(401, 190));
    await failure(provider(fn).sendTemplate(send));
    expect(calls).toHaveLength(1);
  });

  it('shares one refresh among concurrent sends', async () => {
    let release!: (token: string) => void;
    const hook = counted(() => new Promise<string>((resolve) => (release = resolve)));
    const { fn, calls } = fakeFetch((call) => (call.headers['Authorization'] === 'Bearer EAAfresh' ? sent() : metaError(401, 190)));
    const p = provider(fn, { onTokenExpired: hook });
    const all = Promise.all([p.sendTemplate(send), p.sendTemplate(send), p.sendTemplate(send)]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    release('EAAfresh');
    await expect(all).resolves.toHaveLength(3);
    expect(hook.calls).toBe(1);
    expect(calls).toHaveLength(6);
  });

  it('retries with a token another request already refreshed, without calling the hook', async () => {
    const hook = counted(async () => 'EAAfresh');
    let first = true;
    const { fn } = fakeFetch(async (call) => {
      if (call.headers['Authorization'] === 'Bearer EAAfresh') return sent();
      if (first) {
        first = false;
        // While this request is in flight, another one refreshes the token.
        await p.sendTemplate(send);
      }
      return metaError(401, 190);
    });
    const p = provider(fn, { onTokenExpired: hook });
    await expect(p.sendTemplate(send)).resolves.toMatchObject({ wamid: 'wamid.ABC' });
    expect(hook.calls).toBe(1);
  });
});

describe('CloudApiProvider.listTemplates', () => {
  const item = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    language: 'it',
    category: 'UTILITY',
    status: 'APPROVED',
    id: `id-${name}`,
    components: [{ type: 'BODY', text: 'Ciao {{1}}' }],
    ...extra,
  });
  const base = 'https://graph.example/v23.0/200000000000001/message_templates';

  it('asks for the fields and page size, and follows paging.next to the end', async () => {
    const { fn, calls } = fakeFetch(
      json(200, { data: [item('a'), item('b')], paging: { cursors: { after: 'B' }, next: `${base}?limit=2&after=B&access_token=${TOKEN}` } }),
      json(200, { data: [item('c')], paging: { cursors: { after: 'C' } } }),
    );
    const templates = await provider(fn, { templatePageSize: 2 }).listTemplates();
    expect(templates.map((t) => t.name)).toEqual(['a', 'b', 'c']);
    expect(templates[0]).toEqual({
      name: 'a',
      language: 'it',
      category: 'UTILITY',
      status: 'APPROVED',
      components: { body: { text: 'Ciao {{1}}', placeholders: [1] }, buttons: [] },
    });
    expect(calls.map((c) => c.url)).toEqual([
      `${base}?limit=2&fields=name%2Clanguage%2Ccategory%2Cstatus%2Ccomponents%2Cparameter_format`,
      `${base}?limit=2&after=B`,
    ]);
    expect(calls.every((c) => c.method === 'GET' && c.headers['Authorization'] === `Bearer ${TOKEN}` && c.body === undefined)).toBe(true);
  });

  it('defaults to 100 per page', async () => {
    const { fn, calls } = fakeFetch(json(200, { data: [] }));
    await expect(provider(fn).listTemplates()).resolves.toEqual([]);
    expect(new URL(calls[0].url).searchParams.get('limit')).toBe('100');
  });

  it('skips what it cannot read and says why', async () => {
    const skipped: string[] = [];
    const { fn } = fakeFetch(
      json(200, {
        data: [
          item('ok'),
          item('named', { parameter_format: 'NAMED', components: [{ type: 'BODY', text: 'Ciao {{first_name}}' }] }),
          item('odd', { parameter_format: 'MIXED' }),
          'junk',
        ],
      }),
    );
    const templates = await provider(fn, { onTemplateSkipped: (reason) => skipped.push(reason) }).listTemplates();
    expect(templates.map((t) => t.name)).toEqual(['ok', 'named']);
    expect(skipped).toEqual([expect.stringMatching(/^odd\/it: unknown parameter_format/), 'template is not an object']);
  });

  it('replays the cursor on its own base URL when next points elsewhere', async () => {
    const { fn, calls } = fakeFetch(
      json(200, { data: [item('a')], paging: { cursors: { after: 'X' }, next: 'https://graph.facebook.com/v23.0/200000000000001/message_templates?after=X' } }),
      json(200, { data: [item('b')] }),
    );
    await expect(provider(fn).listTemplates()).resolves.toHaveLength(2);
    expect(new URL(calls[1].url).origin).toBe('https://graph.example');
    expect(new URL(calls[1].url).searchParams.get('after')).toBe('X');
  });

  it('stops a paging loop', async () => {
    const { fn, calls } = fakeFetch(json(200, { data: [item('a')], paging: { next: `${base}?after=same` } }));
    const error = await failure(provider(fn).listTemplates());
    expect(error).toMatchObject({ kind: 'permanent', title: 'template catalog paging loops back to a page already read' });
    expect(calls).toHaveLength(2);
  });

  it('stops after the page limit', async () => {
    let n = 0;
    const { fn, calls } = fakeFetch(() => json(200, { data: [item(`t${n}`)], paging: { next: `${base}?after=${++n}` } }));
    const error = await failure(provider(fn, { maxTemplatePages: 3 }).listTemplates());
    expect(error.title).toBe('template catalog has more than 3 pages');
    expect(calls).toHaveLength(3);
  });

  it('refuses a malformed page', async () => {
    const { fn } = fakeFetch(json(200, { templates: [] }));
    expect(await failure(provider(fn).listTemplates())).toMatchObject({ kind: 'permanent', details: 'data is not an array' });
  });

  it('maps errors of any page and refreshes the token once for the whole listing', async () => {
    const hook = counted(async () => 'EAAfresh');
    const { fn, calls } = fakeFetch(
      json(200, { data: [item('a')], paging: { next: `${base}?after=1` } }),
      metaError(401, 190),
      json(200, { data: [item('b')], paging: { next: `${base}?after=2` } }),
      metaError(401, 190),
    );
    const error = await failure(provider(fn, { onTokenExpired: hook }).listTemplates());
    expect(error.kind).toBe('auth');
    expect(hook.calls).toBe(1);
    expect(calls).toHaveLength(4);
  });

  it('a transient error mid-listing surfaces as is', async () => {
    const { fn } = fakeFetch(json(200, { data: [item('a')], paging: { next: `${base}?after=1` } }), metaError(503, 1));
    expect(await failure(provider(fn).listTemplates())).toMatchObject({ kind: 'transient', code: 1, httpStatus: 503 });
  });
});

describe('CloudApiProvider.uploadMedia', () => {
  const asset = { bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), mimeType: 'image/png', filename: 'cart.png' };

  it("posts messaging_product, type and file as multipart to /{phone-number-id}/media and returns Meta's id", async () => {
    let form: FormData | null = null;
    const f = fakeFetch(async (call) => {
      form = await new Request(call.url, { method: 'POST', headers: call.headers, body: call.raw as Uint8Array<ArrayBuffer> }).formData();
      return json(200, { id: '1003383421387256' });
    });
    expect(await provider(f.fn).uploadMedia(asset)).toEqual({ id: '1003383421387256' });
    expect(f.calls[0]).toMatchObject({ method: 'POST', url: `https://graph.example/v23.0/${account.phoneNumberId}/media` });
    expect(f.calls[0].headers['Content-Type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(f.calls[0].headers.Authorization).toBe(`Bearer ${account.accessToken}`);
    expect(form!.get('messaging_product')).toBe('whatsapp');
    expect(form!.get('type')).toBe('image/png');
    const file = form!.get('file') as File;
    expect(file.name).toBe('cart.png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(asset.bytes);
  });

  it("refuses an answer without an id, and classifies Meta's errors like a send", async () => {
    await expect(provider(fakeFetch(json(200, {})).fn).uploadMedia(asset)).rejects.toMatchObject({
      kind: 'permanent',
      title: 'unexpected media upload response',
    });
    await expect(provider(fakeFetch(metaError(400, 100)).fn).uploadMedia(asset)).rejects.toMatchObject({ code: 100 });
  });
});
