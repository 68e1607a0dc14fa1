import { request } from 'undici';
import { checkProviderBaseUrl } from '#sigillo/tenants';
import type { MediaAsset } from '#sigillo/whatsapp';

/** Larger files stay sent by link: 16 MB is Meta's limit for video, the largest header kind but documents. */
export const MAX_ASSET_BYTES = 16 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

export type AssetUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/**
 * Which media links the worker may fetch to upload: https on a public host (the worker would
 * otherwise fetch from its own network on a binding's say-so), or anything on the tenant's own
 * provider origin, already vetted when the tenant was set up (the local simulator serves test
 * assets there over http).
 */
export function checkAssetUrl(link: string, providerBaseUrl: string): AssetUrlCheck {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  let provider: URL | null = null;
  try {
    provider = new URL(providerBaseUrl);
  } catch {
    provider = null;
  }
  if (url.username || url.password) return { ok: false, reason: 'carries a user name or password' };
  if (provider && url.origin === provider.origin) return { ok: true, url };
  if (url.protocol !== 'https:') return { ok: false, reason: 'not https' };
  const host = checkProviderBaseUrl(`https://${url.host}`, { simulator: false });
  return host.ok ? { ok: true, url } : { ok: false, reason: host.reason.replace(/^must name/, 'does not name') };
}

/**
 * The bytes behind a media link, once: 200 only, no redirects (a redirect could lead anywhere
 * the URL check refused), a Content-Type, at most MAX_ASSET_BYTES. Throws an Error saying why.
 */
export async function fetchAsset(url: URL): Promise<MediaAsset> {
  const res = await request(url, {
    method: 'GET',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    headers: { accept: 'image/*, video/*, application/pdf, */*' },
  });
  // Leaving the body early (a throw inside the read loop) aborts it; that abort is expected, not an error to crash on.
  res.body.on('error', () => undefined);
  try {
    if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
    const type = String(res.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (!/^[a-z]+\/[a-z0-9.+-]+$/.test(type)) throw new Error('no Content-Type');
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_ASSET_BYTES) throw new Error(`larger than ${MAX_ASSET_BYTES} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_ASSET_BYTES) throw new Error(`larger than ${MAX_ASSET_BYTES} bytes`);
      chunks.push(chunk as Buffer);
    }
    if (size === 0) throw new Error('empty');
    const name = decodeURIComponent(url.pathname.split('/').pop() ?? '') || 'asset';
    return { bytes: new Uint8Array(Buffer.concat(chunks)), mimeType: type, filename: name };
  } finally {
    // An early throw leaves the body unread: drop the rest (dump stops after a little) to release the connection.
    if (!res.body.readableEnded) await res.body.dump().catch(() => undefined);
  }
}
