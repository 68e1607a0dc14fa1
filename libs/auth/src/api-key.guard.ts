import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiKeysService, Principal } from './api-keys.service.js';
import type { ApiRole } from './api-role.js';
import { REQUIRED_ROLES } from './require-role.decorator.js';

/** `Authorization: Bearer <key>`: no or unknown key → 401; a key of another role → 403. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<ApiRole[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<{ headers: IncomingHttpHeaders; principal?: Principal }>();
    const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(request.headers.authorization ?? '');
    if (!match) throw new UnauthorizedException('missing API key: send Authorization: Bearer <key>');
    const principal = await this.keys.authenticate(match[1]);
    if (!principal) throw new UnauthorizedException('invalid API key');
    if (!roles.includes(principal.role)) throw new ForbiddenException(`this endpoint needs a ${roles.join(' or ')} key`);
    request.principal = principal;
    return true;
  }
}
