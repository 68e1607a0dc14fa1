import { Injectable } from '@nestjs/common';
import { ApiKeysService, API_ROLES, ApiRole, CLI_ACTOR } from '#sigillo/auth';
import type { LedgerActor } from '#sigillo/ledger';
import type { NewTenant, NumberMode, Tenant, TenantAppSecret } from './tenant.js';
import { TenantRepository } from './tenant.repository.js';

// Tenants are read on every request; they change rarely, so a short cache is enough.
export const TENANT_CACHE_MS = 5_000;

@Injectable()
export class TenantsService {
  private readonly cache = new Map<string, { tenant: Tenant | null; at: number }>();
  private ownSecrets: { list: Promise<TenantAppSecret[]>; at: number } | null = null;

  constructor(
    private readonly tenants: TenantRepository,
    private readonly keys: ApiKeysService,
  ) {}

  /** Creates the tenant and one key per role; the keys are returned once and stored hashed. */
  async create(input: NewTenant, actor: LedgerActor = CLI_ACTOR): Promise<{ tenant: Tenant; keys: Record<ApiRole, string> }> {
    const tenant = await this.tenants.insert(input, actor);
    const keys = {} as Record<ApiRole, string>;
    for (const role of API_ROLES) keys[role] = (await this.keys.create(role, `${tenant.name} ${role}`, tenant.id, actor)).key;
    return { tenant, keys };
  }

  async get(id: string): Promise<Tenant | null> {
    // Not a UUID (e.g. a caller's ?tenantId=): no tenant, rather than a database error.
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
    const hit = this.cache.get(id);
    if (hit && Date.now() - hit.at < TENANT_CACHE_MS) return hit.tenant;
    const tenant = await this.tenants.findById(id);
    this.cache.set(id, { tenant, at: Date.now() });
    return tenant;
  }

  /** Uncached: for a token refresh after the provider said the cached one expired. */
  async reload(id: string): Promise<Tenant | null> {
    this.cache.delete(id);
    return this.get(id);
  }

  /** The tenant a webhook's business number belongs to. */
  async byPhoneNumberId(phoneNumberId: string): Promise<Tenant | null> {
    const hit = this.cache.get(`pn:${phoneNumberId}`);
    if (hit && Date.now() - hit.at < TENANT_CACHE_MS) return hit.tenant;
    const tenant = await this.tenants.findByPhoneNumberId(phoneNumberId);
    this.cache.set(`pn:${phoneNumberId}`, { tenant, at: Date.now() });
    return tenant;
  }

  /** Tenants sharing a WhatsApp Business Account (its templates are theirs). */
  byWabaId(wabaId: string): Promise<Tenant[]> {
    return this.tenants.findByWabaId(wabaId);
  }

  /**
   * Tenants with their own Meta app secret, for the webhook intake: read once per TENANT_CACHE_MS
   * whatever the number of deliveries, and only their ids and secrets.
   */
  withOwnAppSecret(): Promise<TenantAppSecret[]> {
    if (!this.ownSecrets || Date.now() - this.ownSecrets.at >= TENANT_CACHE_MS) {
      const list = this.tenants.withOwnAppSecret();
      this.ownSecrets = { list, at: Date.now() };
      // A failed read is not kept: the next delivery tries again.
      list.catch(() => (this.ownSecrets = null));
    }
    return this.ownSecrets.list;
  }

  /** Sets (null: removes) the tenant's own app secret; applies everywhere within TENANT_CACHE_MS. */
  async setAppSecret(id: string, appSecret: string | null, actor: LedgerActor = CLI_ACTOR): Promise<boolean> {
    const found = await this.tenants.setAppSecret(id, appSecret, actor);
    this.cache.clear();
    this.ownSecrets = null;
    return found;
  }

  /** Replaces the tenant's own opt-out keywords (checked by the caller); applies everywhere within TENANT_CACHE_MS. */
  async setOptOutKeywords(id: string, keywords: string[], actor: LedgerActor = CLI_ACTOR): Promise<boolean> {
    const found = await this.tenants.setOptOutKeywords(id, keywords, actor);
    this.cache.clear();
    return found;
  }

  /** Sets the number's mode and its throughput (checked by the caller); applies everywhere within TENANT_CACHE_MS. */
  async setNumberMode(id: string, mode: NumberMode, throughputPerSecond: number, actor: LedgerActor = CLI_ACTOR): Promise<boolean> {
    const found = await this.tenants.setNumberMode(id, mode, throughputPerSecond, actor);
    this.cache.clear();
    return found;
  }

  list(): Promise<Tenant[]> {
    return this.tenants.list();
  }
}
