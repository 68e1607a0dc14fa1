import { Injectable, Logger } from '@nestjs/common';
import type { TemplateChange } from '#sigillo/whatsapp';
import { CatalogService } from './catalog.service.js';
import { planTemplateChange } from './template-change-plan.js';

/**
 * A template's status, quality or category as Meta reports it in a webhook: applied to the catalog
 * unless a change Meta timed later is already there, and ledgered once at Meta's time, however often
 * Meta re-delivers it (template-change-plan.ts decides).
 */
@Injectable()
export class TemplateChangesService {
  private readonly logger = new Logger(TemplateChangesService.name);

  constructor(private readonly catalog: CatalogService) {}

  async apply(tenantId: string, change: TemplateChange): Promise<void> {
    const planned = planTemplateChange(tenantId, change, new Date());
    if (!planned.ok) {
      this.logger.warn(`template ${change.name}/${change.language} of tenant ${tenantId}: ${change.field} change not applied (${planned.why})`);
      return;
    }
    const { plan } = planned;
    const u = plan.update;
    await this.catalog.applyChange(
      { tenantId, name: plan.name, language: plan.language, field: plan.field, event: plan.event, metaTime: plan.metaTime, entry: plan.entry },
      u.field === 'status'
        ? { status: u.status, statusReason: u.statusReason }
        : u.field === 'quality'
          ? { score: u.score }
          : { category: u.category, impending: u.impending, effectiveAt: u.effectiveAt },
    );
  }
}
