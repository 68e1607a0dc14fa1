import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/src/prisma.service.js';
import type { NewTenant, Tenant } from './tenant.js';

@Injectable()
export class TenantRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(tenant: NewTenant): Promise<Tenant> {
    return this.prisma.tenant.create({ data: tenant, select: TENANT_FIELDS });
  }

  async findById(id: string): Promise<Tenant | null> {
    return this.prisma.tenant.findUnique({ where: { id }, select: TENANT_FIELDS });
  }

  async findByPhoneNumberId(phoneNumberId: string): Promise<Tenant | null> {
    return this.prisma.tenant.findUnique({ where: { phoneNumberId }, select: TENANT_FIELDS });
  }

  async findByWabaId(wabaId: string): Promise<Tenant[]> {
    return this.prisma.tenant.findMany({ where: { wabaId }, select: TENANT_FIELDS });
  }

  async list(): Promise<Tenant[]> {
    return this.prisma.tenant.findMany({ select: TENANT_FIELDS, orderBy: { createdAt: 'asc' } });
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
  storeInboundText: true,
} as const;
