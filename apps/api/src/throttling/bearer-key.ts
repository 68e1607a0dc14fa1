import { createHash } from 'node:crypto';

/** The API key of `Authorization: Bearer <key>` (the form ApiKeyGuard accepts), or null. */
export function bearerKey(authorization: string | undefined): string | null {
  const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(authorization ?? '');
  return match ? match[1] : null;
}

/** SHA-256 hex, as api_keys.key_hash stores it: a rate-limit bucket never holds the key itself. */
export function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
