import { BadRequestException, Injectable, NestMiddleware, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { shapeProblem } from './http/json-body.js';

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
