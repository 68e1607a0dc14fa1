import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/src/prisma.service.js';
import type { ApiRole } from './api-role.js';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(role: ApiRole, keyHash: string, label: string, tenantId: string | null): Promise<{ id: string }> {
    return this.prisma.apiKey.create({ data: { role, keyHash, label, tenantId }, select: { id: true } });
  }

  async findActive(keyHash: string): Promise<{ id: string; role: ApiRole; tenantId: string | null } | null> {
    return this.prisma.apiKey.findFirst({ where: { keyHash, revokedAt: null }, select: { id: true, role: true, tenantId: true } });
  }
}
