import { createHmac } from 'node:crypto';

/** Meta's X-Hub-Signature-256 value: the hex HMAC-SHA256 of the exact body bytes, app secret as key. */
export function hubSignature(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}
