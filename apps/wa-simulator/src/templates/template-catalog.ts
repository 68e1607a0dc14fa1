import { Inject, Injectable } from '@nestjs/common';
import type { TemplateStatus } from '../../../../libs/templates/src/template.js';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';
import { loadTemplateSeed, type MetaTemplate } from './meta-template.js';

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

  /** Back to the seed file as it is now (tests start from a known catalog). */
  reload(): void {
    this.templates = loadTemplateSeed(this.options.templatesFile);
  }
}
