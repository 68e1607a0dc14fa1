import type { IncomingHttpHeaders } from 'node:http';

/** The console's session cookie. */
export const SESSION_COOKIE = 'sigillo_session';

/** Cookie header → name/value pairs (RFC 6265 §5.2); the first of a repeated name wins. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    let value = pair.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** The session token the request carries, if any looks like one (base64url, as we issue them). */
export function sessionToken(headers: IncomingHttpHeaders): string | null {
  const value = parseCookies(headers.cookie).get(SESSION_COOKIE);
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
}

/** Whether the request reached us over HTTPS: TLS on our socket, or a proxy saying so. */
export function isHttps(headers: IncomingHttpHeaders, encrypted: boolean): boolean {
  if (encrypted) return true;
  const forwarded = headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

/** Set-Cookie for a new session: script cannot read it, other sites cannot send it, HTTPS keeps it on HTTPS. */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}

/** Set-Cookie that removes the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? '; Secure' : ''}`;
}
