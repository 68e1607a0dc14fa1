import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// It ends up in logs and on the outbox row: a plain token, bounded, or a fresh id instead.
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The caller's X-Request-Id when it is a plausible id, otherwise a new UUID. Fastify takes it as
 * the request's id (see http/fastify-http.ts): every answer echoes it, even a 413, and the
 * request log and the outbox row carry the same one.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTED.test(value) ? value : randomUUID();
}
