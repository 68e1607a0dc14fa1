import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { actorOf, ApiKeysService, badRequest, StaffAccountsService, type ApiKeyListing, type Principal, type StaffAccount } from '#sigillo/auth';
import { publicTenant, TenantsService, type PublicTenant } from '#sigillo/tenants';
import { checkNewApiKey, checkUuid } from './console-input.js';
import { ConsoleScope, valid } from './console-scope.js';

/** Staff accounts, API keys and, for the global operator, the tenants. */
@Injectable()
export class ConsoleAdminService {
  constructor(
    private readonly scope: ConsoleScope,
    private readonly staff: StaffAccountsService,
    private readonly keys: ApiKeysService,
    private readonly tenants: TenantsService,
  ) {}

  async staffList(principal: Principal, requestedTenant: unknown): Promise<StaffAccount[]> {
    return this.staff.list((await this.scope.tenant(principal, requestedTenant)).id);
  }

  async staffCreate(principal: Principal, requestedTenant: unknown, body: unknown): Promise<StaffAccount> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    return this.staff.create(tenant.id, body, actorOf(principal));
  }

  async staffDisable(principal: Principal, requestedTenant: unknown, id: string): Promise<StaffAccount> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    const accountId = valid(checkUuid(id, 'id'));
    if (principal.kind === 'staff' && principal.accountId === accountId)
      throw badRequest([{ field: 'id', message: 'is your own account: another admin must disable it' }]);
    return this.staff.disable(accountId, { tenantId: tenant.id, anyTenant: false }, actorOf(principal));
  }

  async keyList(principal: Principal, requestedTenant: unknown): Promise<ApiKeyListing[]> {
    return this.keys.list((await this.scope.tenant(principal, requestedTenant)).id);
  }

  /** The key is in this answer only: it is stored as a hash. */
  async keyCreate(principal: Principal, requestedTenant: unknown, body: unknown): Promise<{ id: string; key: string; role: string; label: string }> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    const input = valid(checkNewApiKey(body));
    const { id, key } = await this.keys.create(input.role, input.label, tenant.id, actorOf(principal));
    return { id, key, role: input.role, label: input.label };
  }

  async keyRevoke(principal: Principal, requestedTenant: unknown, id: string): Promise<{ id: string; revoked: true }> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    const keyId = valid(checkUuid(id, 'id'));
    if (principal.kind === 'api_key' && principal.keyId === keyId)
      throw new BadRequestException({ message: ['id: is the key making this call'], errors: [{ field: 'id', message: 'is the key making this call' }] });
    const outcome = await this.keys.revoke(keyId, tenant.id, actorOf(principal));
    if (outcome === 'missing') throw new NotFoundException('API key not found');
    return { id: keyId, revoked: true };
  }

  async tenantList(principal: Principal): Promise<PublicTenant[]> {
    if (principal.tenantId !== null) throw new ForbiddenException('only a global operator lists tenants');
    return (await this.tenants.list()).map(publicTenant);
  }
}
