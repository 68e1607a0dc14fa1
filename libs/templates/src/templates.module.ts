import { Module } from '@nestjs/common';
import { TenantsModule } from '#sigillo/tenants';
import { WhatsAppModule } from '#sigillo/whatsapp';
import { BindingRepository } from './binding.repository.js';
import { CatalogService } from './catalog.service.js';
import { TemplateChangeRepository } from './template-change.repository.js';
import { TemplateChangesService } from './template-changes.service.js';
import { TemplateRepository } from './template.repository.js';

@Module({
  imports: [TenantsModule, WhatsAppModule],
  providers: [TemplateRepository, TemplateChangeRepository, BindingRepository, CatalogService, TemplateChangesService],
  exports: [CatalogService, TemplateChangesService],
})
export class TemplatesModule {}
