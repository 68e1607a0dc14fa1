import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/src/prisma.service.js';
import type { ApiRole } from './api-role.js';

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(role: ApiRole, keyHash: string, label: string): Promise<{ id: string }> {
    return this.prisma.apiKey.create({ data: { role, keyHash, label }, select: { id: true } });
  }

  async findActiveRole(keyHash: string): Promise<{ id: string; role: ApiRole } | null> {
    return this.prisma.apiKey.findFirst({ where: { keyHash, revokedAt: null }, select: { id: true, role: true } });
  }
}
