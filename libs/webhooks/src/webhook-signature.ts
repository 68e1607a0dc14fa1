import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>` checked against every app secret
 * that may have signed it, each in constant time, on the exact bytes received.
 */
export function verifyHubSignature(rawBody: Uint8Array, header: string | undefined, secrets: readonly string[]): boolean {
  if (typeof header !== 'string') return false;
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return false;
  const given = Buffer.from(match[1], 'hex');
  let ok = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // No early exit: the time taken does not tell which secret matched.
    ok = timingSafeEqual(expected, given) || ok;
  }
  return ok;
}

export function hubSignature(rawBody: Uint8Array, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
