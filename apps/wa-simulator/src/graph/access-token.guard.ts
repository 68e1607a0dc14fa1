import { timingSafeEqual } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';
import { GraphError } from './graph-error.js';

/** Graph's bearer check: `Authorization: Bearer <token>` or, as Graph also allows, `?access_token=`. */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(@Inject(SIMULATOR_OPTIONS) private readonly options: SimulatorOptions) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const token = bearer(request.headers.authorization) ?? queryToken(request.query['access_token']);
    if (token === null) throw GraphError.accessToken(true);
    if (!sameSecret(token, this.options.accessToken)) throw GraphError.accessToken(false);
    return true;
  }
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

function queryToken(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
