import { BadRequestException, Injectable, NestMiddleware, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** Deeper than any request body Sigillo takes; deeper ones overflowed the validators' stack (500). */
export const MAX_BODY_DEPTH = 32;
/** Keys the validators' object mapping trips on (a 500, or a field silently dropped). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A request that carries a body must carry JSON: anything else is 415, not an empty object. */
@Injectable()
export class JsonOnlyMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody && !req.is('application/json')) {
      return next(new UnsupportedMediaTypeException('content-type must be application/json'));
    }
    const problem = shapeProblem(req.body);
    if (problem) return next(new BadRequestException(problem));
    next();
  }
}

/** Walks a parsed JSON body without recursion: too deep, or a key no field may have. */
function shapeProblem(body: unknown): string | null {
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return null;
  const stack: [unknown, number][] = [[body, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) return `body is nested too deeply (at most ${MAX_BODY_DEPTH} levels)`;
    for (const key of Object.keys(node as object)) {
      if (FORBIDDEN_KEYS.has(key)) return `field name "${key}" is not allowed`;
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return null;
}
