import { Injectable, NotFoundException } from '@nestjs/common';
import { badRequest, tenantScope, type Principal } from '#sigillo/auth';
import { TenantsService, type Tenant } from '#sigillo/tenants';
import type { Checked } from './console-input.js';

/** The tenant a console call acts on (see tenantScope), loaded; 400/404 otherwise. */
@Injectable()
export class ConsoleScope {
  constructor(private readonly tenants: TenantsService) {}

  async tenant(principal: Principal, requested: unknown): Promise<Tenant> {
    const scope = tenantScope(principal.tenantId, requested);
    if (!scope.ok) {
      if (scope.status === 404) throw new NotFoundException('tenant not found');
      throw badRequest([{ field: scope.field, message: scope.message }]);
    }
    const tenant = await this.tenants.get(scope.tenantId);
    if (!tenant) throw new NotFoundException('tenant not found');
    return tenant;
  }
}

/** The value of a check, or the 400 naming its fields. */
export function valid<T>(checked: Checked<T>): T {
  if (!checked.ok) throw badRequest(checked.errors);
  return checked.value;
}
