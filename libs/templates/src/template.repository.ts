import { Injectable } from '@nestjs/common';
import { PrismaService } from '#sigillo/platform';
import { webhookFactsKept } from './catalog-sync.js';
import type { Template, TemplateCategory, TemplateComponents, TemplateStatus } from '#sigillo/whatsapp';

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
      statusReason: r.statusReason,
      qualityScore: r.qualityScore,
      pendingCategory: r.pendingCategory && r.pendingCategoryAt ? { category: r.pendingCategory as TemplateCategory, at: r.pendingCategoryAt } : null,
    }));
  }

  /**
   * Replaces the tenant's catalog with the provider's in one transaction; syncs of one tenant are
   * serialised (a worker's scheduled sync may meet an admin's), so neither sees half of the other.
   * What only Meta's webhooks tell (a status's reason, the quality score, an announced category)
   * is kept while the synced status and category still agree with it.
   */
  async replaceAll(tenantId: string, templates: Template[]): Promise<void> {
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`templates:${tenantId}`}))`;
      const before = new Map((await tx.template.findMany({ where: { tenantId } })).map((r) => [`${r.name}\u0000${r.language}`, r]));
      await tx.template.deleteMany({ where: { tenantId } });
      await tx.template.createMany({
        data: templates.map(({ name, language, category, status, components }) => ({
          tenantId,
          name,
          language,
          category,
          status,
          components: components as object,
          syncedAt: now,
          ...webhookFactsKept(before.get(`${name}\u0000${language}`) ?? null, { category, status }),
        })),
      });
    });
  }
}
