import { CloudApiProvider } from './cloud-api.provider.js';
import { WA_SMART_BUSINESS_DEFAULT_GRAPH_VERSION, createWaSmartBusinessProvider, type WaSmartBusinessAccount } from './wa-smart-business.provider.js';

const account: WaSmartBusinessAccount = {
  baseUrl: 'https://api.wsb.example',
  phoneNumberId: '100000000000001',
  wabaId: '200000000000001',
  accessToken: 'wsb-token',
};

function recordingFetch() {
  const urls: string[] = [];
  const headers: Record<string, string>[] = [];
  const fn = (async (input: string | URL | Request, init?: RequestInit) => {
    urls.push(String(input));
    headers.push({ ...(init?.headers as Record<string, string>) });
    return new Response(JSON.stringify({ messages: [{ id: 'wamid.W' }] }), { status: 200 });
  }) as typeof fetch;
  return { fn, urls, headers };
}

const send = { to: '+393331234567', template: { name: 't', language: 'it' }, parameters: { body: [], buttons: [] } };

describe('createWaSmartBusinessProvider', () => {
  it("is a Cloud API provider on the platform's base URL, with its token and the default version", async () => {
    const { fn, urls, headers } = recordingFetch();
    const provider = createWaSmartBusinessProvider(account, { fetch: fn });
    expect(provider).toBeInstanceOf(CloudApiProvider);
    await expect(provider.sendTemplate(send)).resolves.toEqual({ wamid: 'wamid.W', waId: null });
    expect(urls).toEqual([`https://api.wsb.example/${WA_SMART_BUSINESS_DEFAULT_GRAPH_VERSION}/100000000000001/messages`]);
    expect(headers[0]['Authorization']).toBe('Bearer wsb-token');
  });

  it('uses a configured Graph version and base path', async () => {
    const { fn, urls } = recordingFetch();
    await createWaSmartBusinessProvider({ ...account, baseUrl: 'https://api.wsb.example/cloud/', graphVersion: 'v21.0' }, { fetch: fn }).sendTemplate(send);
    expect(urls).toEqual(['https://api.wsb.example/cloud/v21.0/100000000000001/messages']);
  });

  it.each(['http://localhost:3000', 'http://127.0.0.1:3000', 'http://[::1]:3000'])('allows plain http to %s for local testing', (baseUrl) => {
    expect(() => createWaSmartBusinessProvider({ ...account, baseUrl })).not.toThrow();
  });

  it('refuses plain http elsewhere, since the token travels with every request', () => {
    expect(() => createWaSmartBusinessProvider({ ...account, baseUrl: 'http://api.wsb.example' })).toThrow(/must be https/);
  });

  it.each<[string, Partial<WaSmartBusinessAccount>, RegExp]>([
    ['base URL', { baseUrl: '' }, /needs its base URL/],
    ['phone number id', { phoneNumberId: '' }, /needs phoneNumberId/],
    ['WABA id', { wabaId: '' }, /needs wabaId/],
    ['token', { accessToken: '' }, /needs accessToken/],
  ])('refuses a missing %s', (_label, patch, message) => {
    expect(() => createWaSmartBusinessProvider({ ...account, ...patch })).toThrow(message);
  });

  it('refuses a base URL that is not a URL', () => {
    expect(() => createWaSmartBusinessProvider({ ...account, baseUrl: 'api.wsb.example' })).toThrow();
  });
});
