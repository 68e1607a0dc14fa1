import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { decideAccess, type Presented, type RouteAccess } from './access.js';
import { ApiKeysService } from './api-keys.service.js';
import type { ApiRole } from './api-role.js';
import type { Principal } from './principal.js';
import { REQUIRED_ROLES, STAFF_ROLES_KEY } from './require-role.decorator.js';
import { sessionToken } from './session-cookie.js';
import { isWrite } from './session-policy.js';
import type { StaffRole } from './staff-role.js';
import { csrfMatches, StaffSessionsService } from './staff-sessions.service.js';

interface GuardedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  principal?: Principal;
}

/**
 * The one guard of the api: `Authorization: Bearer <key>` or, on routes that declare staff roles,
 * the console's session cookie (writes with it also need X-CSRF-Token). No or unknown credentials
 * → 401; a role the route does not take, or a missing CSRF token → 403.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    private readonly sessions: StaffSessionsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const route: RouteAccess = {
      keyRoles: this.reflector.getAllAndOverride<ApiRole[] | undefined>(REQUIRED_ROLES, targets),
      staffRoles: this.reflector.getAllAndOverride<StaffRole[] | undefined>(STAFF_ROLES_KEY, targets),
    };
    if (!route.keyRoles && !route.staffRoles) return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const { presented, principal } = await this.present(request, route);
    const decision = decideAccess(route, presented, isWrite(request.method));
    if (!decision.allow) throw decision.status === 401 ? new UnauthorizedException(decision.message) : new ForbiddenException(decision.message);
    request.principal = principal;
    return true;
  }

  private async present(request: GuardedRequest, route: RouteAccess): Promise<{ presented: Presented; principal?: Principal }> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer ([\x21-\x7e]{1,200})$/.exec(authorization);
      if (!match) return { presented: { kind: 'bad_key_header' } };
      const principal = await this.keys.authenticate(match[1]);
      return principal ? { presented: { kind: 'api_key', role: principal.role }, principal } : { presented: { kind: 'unknown_key' } };
    }
    const token = route.staffRoles ? sessionToken(request.headers) : null;
    if (!token) return { presented: { kind: 'none' } };
    const session = await this.sessions.authenticate(token);
    if (!session) return { presented: { kind: 'dead_session' } };
    const { account } = session;
    return {
      presented: { kind: 'session', role: account.role, csrfOk: csrfMatches(request.headers['x-csrf-token'], session.csrfToken) },
      principal: {
        kind: 'staff',
        accountId: account.id,
        role: account.role,
        tenantId: account.tenantId,
        email: account.email,
        displayName: account.displayName,
        csrfToken: session.csrfToken,
      },
    };
  }
}
