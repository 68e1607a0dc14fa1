import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/src/prisma.service.js';
import type { Template, TemplateCategory, TemplateComponents, TemplateStatus } from './template.js';

@Injectable()
export class TemplateRepository {
  constructor(private readonly prisma: PrismaService) {}

  async list(tenantId: string): Promise<Template[]> {
    const rows = await this.prisma.template.findMany({ where: { tenantId }, orderBy: [{ name: 'asc' }, { language: 'asc' }] });
    return rows.map((r) => ({
      name: r.name,
      language: r.language,
      category: r.category as TemplateCategory,
      status: r.status as TemplateStatus,
      components: r.components as unknown as TemplateComponents,
    }));
  }

  /**
   * Replaces the tenant's catalog with the provider's in one transaction; syncs of one tenant are
   * serialised (a worker's scheduled sync may meet an admin's), so neither sees half of the other.
   */
  async replaceAll(tenantId: string, templates: Template[]): Promise<void> {
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`templates:${tenantId}`}))`;
      await tx.template.deleteMany({ where: { tenantId } });
      await tx.template.createMany({
        data: templates.map((t) => ({ tenantId, ...t, components: t.components as object, syncedAt: now })),
      });
    });
  }

  async setStatus(tenantId: string, name: string, language: string, status: TemplateStatus): Promise<boolean> {
    const { count } = await this.prisma.template.updateMany({ where: { tenantId, name, language }, data: { status } });
    return count > 0;
  }
}
