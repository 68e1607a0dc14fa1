import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/src/prisma.service.js';
import type { Binding } from './binding.js';

@Injectable()
export class BindingRepository {
  constructor(private readonly prisma: PrismaService) {}

  async upsert(tenantId: string, binding: Binding): Promise<void> {
    const definition = binding as unknown as object;
    await this.prisma.binding.upsert({
      where: { tenantId_eventType: { tenantId, eventType: binding.eventType } },
      create: { tenantId, eventType: binding.eventType, definition },
      update: { definition },
    });
  }

  async list(tenantId: string): Promise<Binding[]> {
    const rows = await this.prisma.binding.findMany({ where: { tenantId }, orderBy: { eventType: 'asc' } });
    return rows.map((r) => r.definition as unknown as Binding);
  }
}
