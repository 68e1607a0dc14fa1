import { BadRequestException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { LedgerActor } from '#sigillo/ledger';
import { isPasswebEventType, sampleEvent, type PasswebEventType, type SampleEvent } from '#sigillo/passweb';
import { ProviderRegistry } from '#sigillo/whatsapp';
import type { Tenant } from '#sigillo/tenants';
import { TenantsService } from '#sigillo/tenants';
import type { Binding } from './binding.js';
import { validateBinding } from './binding-validation.js';
import { BindingRepository } from './binding.repository.js';
import { previewBinding, type RenderedMessage } from './preview.js';
import type { Template } from '#sigillo/whatsapp';
import { TemplateChangeRepository, type TemplateChangeRecord } from './template-change.repository.js';
import { TemplateRepository } from './template.repository.js';

/** What the policy needs of a tenant's configuration, read together. */
export interface TenantCatalog {
  templates: Template[];
  bindings: Map<PasswebEventType, Binding>;
  findTemplate(name: string, language: string): Template | null;
}

// Every event reads the catalog; a second of staleness is the price of not reading it each time.
const CACHE_MS = 1_000;

@Injectable()
export class CatalogService {
  private readonly logger = new Logger(CatalogService.name);
  private readonly cache = new Map<string, { catalog: TenantCatalog; at: number }>();

  constructor(
    private readonly templates: TemplateRepository,
    private readonly changes: TemplateChangeRepository,
    private readonly bindings: BindingRepository,
    private readonly tenants: TenantsService,
    private readonly providers: ProviderRegistry,
  ) {}

  async catalog(tenantId: string): Promise<TenantCatalog> {
    const hit = this.cache.get(tenantId);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.catalog;
    const [templates, bindings] = await Promise.all([this.templates.list(tenantId), this.bindings.list(tenantId)]);
    const byKey = new Map(templates.map((t) => [`${t.name}\u0000${t.language}`, t]));
    const catalog: TenantCatalog = {
      templates,
      bindings: new Map(bindings.map((b) => [b.eventType, b])),
      findTemplate: (name, language) => byKey.get(`${name}\u0000${language}`) ?? null,
    };
    this.cache.set(tenantId, { catalog, at: Date.now() });
    return catalog;
  }

  /** Pulls the provider's whole catalog, approved or not; returns how many templates it holds. */
  async sync(tenant: Tenant): Promise<{ templates: number }> {
    const templates = await this.providers.providerFor(tenant).listTemplates();
    await this.templates.replaceAll(tenant.id, templates);
    this.cache.delete(tenant.id);
    this.logger.log(`synced ${templates.length} templates for tenant ${tenant.id}`);
    return { templates: templates.length };
  }

  async syncTenant(tenantId: string): Promise<{ templates: number }> {
    return this.sync(await this.requireTenant(tenantId));
  }

  /** Every tenant's catalog; one tenant's failing provider does not stop the others. */
  async syncAll(): Promise<void> {
    for (const tenant of await this.tenants.list()) {
      await this.sync(tenant).catch((err: Error) => this.logger.warn(`template sync failed for tenant ${tenant.id}: ${err.message}`));
    }
  }

  async listTemplates(tenantId: string): Promise<Template[]> {
    return (await this.catalog(tenantId)).templates;
  }

  async listBindings(tenantId: string): Promise<Binding[]> {
    return [...(await this.catalog(tenantId)).bindings.values()];
  }

  /** Validated against the current catalog: 400 for a malformed body, 422 naming each mismatch. */
  async putBinding(tenantId: string, eventType: string, body: unknown, actor: LedgerActor): Promise<Binding> {
    const catalog = await this.catalog(tenantId);
    const input = body && typeof body === 'object' && !Array.isArray(body) ? { ...body, eventType } : body;
    const result = validateBinding(input, { eventType, findTemplate: catalog.findTemplate });
    if (!result.ok) {
      const payload = { message: result.errors.map((e) => `${e.field}: ${e.message}`), errors: result.errors };
      throw result.status === 422 ? new UnprocessableEntityException(payload) : new BadRequestException(payload);
    }
    await this.bindings.upsert(tenantId, result.binding, actor);
    this.cache.delete(tenantId);
    return result.binding;
  }

  /**
   * A template change Meta's webhook reported (status, quality, category), stored once with its
   * ledger entry; see TemplateChangeRepository.record.
   */
  /** The binding checked and rendered from the type's sample event, for the console's preview: nothing is stored. */
  async previewBinding(
    tenantId: string,
    eventType: string,
    body: unknown,
    language?: string,
  ): Promise<{ rendered: RenderedMessage; sampleEvent: SampleEvent }> {
    const catalog = await this.catalog(tenantId);
    const input = body && typeof body === 'object' && !Array.isArray(body) ? { ...body, eventType } : body;
    if (!isPasswebEventType(eventType))
      throw new BadRequestException({
        message: [`eventType: is not a known event type`],
        errors: [{ field: 'eventType', message: 'is not a known event type' }],
      });
    const sample = sampleEvent(eventType);
    const preview = previewBinding(input, { eventType, findTemplate: catalog.findTemplate }, sample.data, language);
    if (!preview.ok) {
      const payload = { message: preview.errors.map((e) => `${e.field}: ${e.message}`), errors: preview.errors };
      throw preview.status === 422 ? new UnprocessableEntityException(payload) : new BadRequestException(payload);
    }
    return { rendered: preview.rendered, sampleEvent: sample };
  }

  async applyChange(change: TemplateChangeRecord, update: Parameters<TemplateChangeRepository['record']>[1]): Promise<{ created: boolean; applied: boolean }> {
    const result = await this.changes.record(change, update);
    if (result.applied) this.cache.delete(change.tenantId);
    return result;
  }

  private async requireTenant(tenantId: string): Promise<Tenant> {
    const tenant = await this.tenants.get(tenantId);
    if (!tenant) throw new NotFoundException('tenant not found');
    return tenant;
  }
}
