import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

// Helmet's CSP suits /docs and /admin/queues (their scripts are files of this origin); without
// upgrade-insecure-requests, which would send a browser on plain http (local, behind a TLS proxy
// that forwards http) to https for every script.
export const HELMET_OPTIONS = { contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } };

/**
 * Helmet's headers, worked out once: with these options they are the same on every answer, and
 * running helmet's eleven middlewares per request cost more than the whole rest of the routing.
 */
export function securityHeaders(): RequestHandler {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number) => void set.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let finished = false;
  helmet(HELMET_OPTIONS)({} as never, recorder as never, (err?: unknown) => {
    if (err) throw err;
    finished = true;
  });
  // A helmet that depends on the request, or answers later, cannot be precomputed.
  if (!finished || set.length === 0) throw new Error('security headers: helmet did not answer at once');
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
