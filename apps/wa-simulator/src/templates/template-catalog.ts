import { Inject, Injectable } from '@nestjs/common';
import type { TemplateCategory, TemplateStatus } from '#sigillo/whatsapp';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';
import { loadTemplateSeed, type MetaTemplate, type TemplateQualityScore } from './meta-template.js';

/** The WABA's templates: the seed file, plus status changes made through the control API. */
@Injectable()
export class TemplateCatalog {
  private templates: MetaTemplate[];

  constructor(@Inject(SIMULATOR_OPTIONS) private readonly options: SimulatorOptions) {
    this.templates = loadTemplateSeed(options.templatesFile);
  }

  all(): readonly MetaTemplate[] {
    return this.templates;
  }

  find(name: string, language: string): MetaTemplate | null {
    return this.templates.find((t) => t.name === name && t.language === language) ?? null;
  }

  hasName(name: string): boolean {
    return this.templates.some((t) => t.name === name);
  }

  /** Returns the updated template, or null when there is no such name/language. */
  setStatus(name: string, language: string, status: TemplateStatus, reason: string | null): MetaTemplate | null {
    const template = this.find(name, language);
    if (!template) return null;
    template.status = status;
    if (status === 'REJECTED' && reason) template.rejected_reason = reason;
    else delete template.rejected_reason;
    return template;
  }

  /** Meta's quality rating of the template changes (message_template_quality_update). */
  setQuality(name: string, language: string, score: TemplateQualityScore): MetaTemplate | null {
    const template = this.find(name, language);
    if (!template) return null;
    template.quality_score = { score, date: Math.floor(Date.now() / 1000) };
    return template;
  }

  /** Meta recategorises the template (template_category_update). */
  setCategory(name: string, language: string, category: TemplateCategory): MetaTemplate | null {
    const template = this.find(name, language);
    if (!template) return null;
    template.category = category;
    return template;
  }

  /** Back to the seed file as it is now (tests start from a known catalog). */
  reload(): void {
    this.templates = loadTemplateSeed(this.options.templatesFile);
  }
}
