import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// It ends up in logs and on the outbox row: a plain token, bounded, or a fresh id instead.
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is a plausible id, otherwise a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ACCEPTED.test(value) ? value : randomUUID();
}

/**
 * First of all middleware: every answer, even a 413 from the body parser, echoes the id, and the
 * request log (pino-http reuses `req.id`) and the outbox row carry the same one.
 */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdFrom(req.headers[REQUEST_ID_HEADER.toLowerCase()]);
  (req as Request & { id: string }).id = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
}
