import { request } from 'undici';

/**
 * The slice of `fetch` the providers use, over undici's `request`: the same keep-alive
 * connections without the WHATWG streams machinery, which costs a sender more CPU than the send
 * itself. Redirects are never followed (undici's request does not), as the providers require.
 */
export const undiciFetch: typeof fetch = async (input, init) => {
  const res = await request(String(input), {
    method: (init?.method ?? 'GET') as 'GET' | 'POST',
    headers: init?.headers as Record<string, string> | undefined,
    body: init?.body as string | Uint8Array | undefined,
    signal: init?.signal ?? undefined,
  });
  const text = await res.body.text();
  const header = (name: string) => {
    const value = res.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  };
  return {
    ok: res.statusCode >= 200 && res.statusCode < 300,
    status: res.statusCode,
    headers: { get: header },
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
  } as unknown as Response;
};
