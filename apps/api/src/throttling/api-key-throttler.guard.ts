import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { bearerKey, keyHash } from './bearer-key.js';

/**
 * One budget per API key across every route, keyed by the key's hash: Passweb sites behind one
 * proxy or NAT must not share a budget, and one site must not get more by spreading over routes.
 * A request without a key is not counted: the public routes (health, metrics, docs) and Meta's
 * webhooks (signed, no key) are outside the per-key limit, and a keyless call to a protected
 * route is refused with 401 anyway.
 */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return bearerKey(context.switchToHttp().getRequest<FastifyRequest>().headers.authorization) === null;
  }

  protected override async getTracker(req: { headers: { authorization?: string } }): Promise<string> {
    return keyHash(bearerKey(req.headers.authorization)!);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
