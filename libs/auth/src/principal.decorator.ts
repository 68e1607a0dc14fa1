import { createParamDecorator, ExecutionContext, ForbiddenException } from '@nestjs/common';
import type { Principal } from './principal.js';

/** Whoever the request acts as (set by ApiKeyGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});

/** The tenant of the authenticated key; a deployment-wide key cannot act for a tenant. */
export const CurrentTenantId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const { principal } = ctx.switchToHttp().getRequest<{ principal: Principal }>();
  if (!principal?.tenantId) throw new ForbiddenException('this endpoint needs a key that belongs to a tenant');
  return principal.tenantId;
});
