import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeysService, Principal } from '#sigillo/auth';
import { bearerKey } from '../throttling/bearer-key.js';

export const ADMIN_KEY_COOKIE = 'sigillo_admin_key';
const COOKIE_MAX_AGE_S = 12 * 3600;
// The queues are shared: every job of every tenant is in them, so no tenant may look, even read-only.
export const TENANT_KEY_REFUSED = "this page needs a deployment-wide admin key: the queues hold every tenant's jobs, so a tenant's admin key cannot see them";

interface GateRequest {
  authorization: string | undefined;
  /** `?key=`, when given once as a single value. */
  queryKey: string | null;
  cookieHeader: string | undefined;
  secure: boolean;
  /** Path and query as received. */
  url: string;
}

type GateAnswer = { pass: Principal } | { refuse: { statusCode: number; error: string; message: string } } | { redirect: { location: string; cookie: string } };

/**
 * Lets only deployment-wide admin keys through to a browser page. A browser cannot send
 * `Authorization` when an operator opens a link, so the key is also accepted once as `?key=`: it
 * is then set as an HttpOnly, SameSite=Strict cookie scoped to `path`, and the browser is sent back
 * to the URL without it, so the key leaves the address bar and the history. No key or an unknown
 * one: 401; a key of another role, or a tenant's admin key: 403, before any cookie is set.
 */
export async function admitAdmin(keys: ApiKeysService, path: string, req: GateRequest): Promise<GateAnswer> {
  const key = bearerKey(req.authorization) ?? req.queryKey ?? cookie(req.cookieHeader, ADMIN_KEY_COOKIE);
  if (!key) return refuse(401, 'Unauthorized', 'missing API key: send Authorization: Bearer <admin key>, or open this page once with ?key=<admin key>');
  const principal = key.length <= 200 ? await keys.authenticate(key) : null;
  if (!principal) return refuse(401, 'Unauthorized', 'invalid API key');
  if (principal.role !== 'admin') return refuse(403, 'Forbidden', 'this page needs an admin key');
  if (principal.tenantId !== null) return refuse(403, 'Forbidden', TENANT_KEY_REFUSED);
  if (req.queryKey !== null && key === req.queryKey) {
    const secure = req.secure ? '; Secure' : '';
    const setCookie = `${ADMIN_KEY_COOKIE}=${encodeURIComponent(key)}; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}${secure}`;
    return { redirect: { location: withoutKey(req.url), cookie: setCookie } };
  }
  return { pass: principal };
}

/** The gate as a Fastify onRequest hook of the board's scope (its routes and its 404s). */
export function adminKeyHook(keys: ApiKeysService, path: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> => {
    const query = request.query as Record<string, unknown> | undefined;
    const answer = await admitAdmin(keys, path, {
      authorization: request.headers.authorization,
      queryKey: typeof query?.key === 'string' ? query.key : null,
      cookieHeader: request.headers.cookie,
      secure: request.protocol === 'https',
      url: request.url,
    });
    // An async hook that answered returns the reply: Fastify then runs nothing after it.
    if ('refuse' in answer) return reply.code(answer.refuse.statusCode).send(answer.refuse);
    if ('redirect' in answer) return reply.header('set-cookie', answer.redirect.cookie).redirect(answer.redirect.location, 303);
  };
}

function refuse(statusCode: number, error: string, message: string): GateAnswer {
  return { refuse: { statusCode, error, message } };
}

function cookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

function withoutKey(originalUrl: string): string {
  const url = new URL(originalUrl, 'http://localhost');
  url.searchParams.delete('key');
  return `${url.pathname}${url.search}`;
}
