import { Injectable } from '@nestjs/common';
import { PrismaService } from '#sigillo/platform';
import type { NewTenant, NumberMode, Tenant, TenantAppSecret } from './tenant.js';

@Injectable()
export class TenantRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(tenant: NewTenant): Promise<Tenant> {
    return asTenant(await this.prisma.tenant.create({ data: tenant, select: TENANT_FIELDS }));
  }

  async findById(id: string): Promise<Tenant | null> {
    return asTenantOrNull(await this.prisma.tenant.findUnique({ where: { id }, select: TENANT_FIELDS }));
  }

  async findByPhoneNumberId(phoneNumberId: string): Promise<Tenant | null> {
    return asTenantOrNull(await this.prisma.tenant.findUnique({ where: { phoneNumberId }, select: TENANT_FIELDS }));
  }

  async findByWabaId(wabaId: string): Promise<Tenant[]> {
    return (await this.prisma.tenant.findMany({ where: { wabaId }, select: TENANT_FIELDS })).map(asTenant);
  }

  /** Tenants that bring their own Meta app, with what the webhook intake needs to try their secret. */
  async withOwnAppSecret(): Promise<TenantAppSecret[]> {
    const rows = await this.prisma.tenant.findMany({ where: { appSecret: { not: null } }, select: { id: true, phoneNumberId: true, wabaId: true, appSecret: true } });
    return rows.map((r) => ({ ...r, appSecret: r.appSecret! }));
  }

  /** Sets (or, with null, removes) the tenant's own app secret; false when there is no such tenant. */
  async setAppSecret(id: string, appSecret: string | null): Promise<boolean> {
    const { count } = await this.prisma.tenant.updateMany({ where: { id }, data: { appSecret } });
    return count === 1;
  }

  /** Replaces the tenant's own opt-out keywords; false when there is no such tenant. */
  async setOptOutKeywords(id: string, optOutKeywords: string[]): Promise<boolean> {
    const { count } = await this.prisma.tenant.updateMany({ where: { id }, data: { optOutKeywords } });
    return count === 1;
  }

  /** Sets the number's mode and its throughput together; false when there is no such tenant. */
  async setNumberMode(id: string, numberMode: NumberMode, throughputPerSecond: number): Promise<boolean> {
    const { count } = await this.prisma.tenant.updateMany({ where: { id }, data: { numberMode, throughputPerSecond } });
    return count === 1;
  }

  async list(): Promise<Tenant[]> {
    return (await this.prisma.tenant.findMany({ select: TENANT_FIELDS, orderBy: { createdAt: 'asc' } })).map(asTenant);
  }
}

const TENANT_FIELDS = {
  id: true,
  name: true,
  phoneNumberId: true,
  wabaId: true,
  providerBaseUrl: true,
  graphVersion: true,
  providerToken: true,
  defaultLanguage: true,
  defaultCountry: true,
  throughputPerSecond: true,
  numberMode: true,
  storeInboundText: true,
  appSecret: true,
  optOutKeywords: true,
} as const;

type TenantRow = Omit<Tenant, 'numberMode'> & { numberMode: string };

// The column holds only what NUMBER_MODES allows (the CLI checks it); anything else reads as Cloud API.
function asTenant(row: TenantRow): Tenant {
  return { ...row, numberMode: row.numberMode === 'coexistence' ? 'coexistence' : 'cloud_api' };
}

function asTenantOrNull(row: TenantRow | null): Tenant | null {
  return row === null ? null : asTenant(row);
}
