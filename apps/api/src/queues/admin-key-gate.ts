import type { NextFunction, Request, Response } from 'express';
import type { ApiKeysService } from '../../../../libs/auth/src/api-keys.service.js';
import { bearerKey } from '../throttling/bearer-key.js';

export const ADMIN_KEY_COOKIE = 'sigillo_admin_key';
const COOKIE_MAX_AGE_S = 12 * 3600;
// The queues are shared: every job of every tenant is in them, so no tenant may look, even read-only.
export const TENANT_KEY_REFUSED =
  "this page needs a deployment-wide admin key: the queues hold every tenant's jobs, so a tenant's admin key cannot see them";

/**
 * Lets only deployment-wide admin keys through to a browser page. A browser cannot send
 * `Authorization` when an operator opens a link, so the key is also accepted once as `?key=`: it
 * is then set as an HttpOnly, SameSite=Strict cookie scoped to `path`, and the browser is sent back
 * to the URL without it, so the key leaves the address bar and the history. No key or an unknown
 * one: 401; a key of another role, or a tenant's admin key: 403, before any cookie is set. The
 * principal is left on `res.locals.principal`.
 */
export function adminKeyGate(keys: ApiKeysService, path: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const fromQuery = typeof req.query.key === 'string' ? req.query.key : null;
      const key = bearerKey(req.headers.authorization) ?? fromQuery ?? cookie(req.headers.cookie, ADMIN_KEY_COOKIE);
      if (!key) return refuse(res, 401, 'Unauthorized', 'missing API key: send Authorization: Bearer <admin key>, or open this page once with ?key=<admin key>');
      const principal = key.length <= 200 ? await keys.authenticate(key) : null;
      if (!principal) return refuse(res, 401, 'Unauthorized', 'invalid API key');
      if (principal.role !== 'admin') return refuse(res, 403, 'Forbidden', 'this page needs an admin key');
      if (principal.tenantId !== null) return refuse(res, 403, 'Forbidden', TENANT_KEY_REFUSED);
      if (fromQuery !== null && key === fromQuery) {
        const secure = req.secure ? '; Secure' : '';
        res.setHeader('Set-Cookie', `${ADMIN_KEY_COOKIE}=${encodeURIComponent(key)}; Path=${path}; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}${secure}`);
        res.redirect(303, withoutKey(req.originalUrl));
        return;
      }
      res.locals.principal = principal;
      next();
    } catch (err) {
      next(err);
    }
  };
}

function refuse(res: Response, statusCode: number, error: string, message: string): void {
  res.status(statusCode).json({ statusCode, error, message });
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
