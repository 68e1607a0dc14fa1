import { Module } from '@nestjs/common';
import { TenantsModule } from '#sigillo/tenants';
import { WhatsAppModule } from '#sigillo/whatsapp';
import { BindingRepository } from './binding.repository.js';
import { CatalogService } from './catalog.service.js';
import { TemplateChangeRepository } from './template-change.repository.js';
import { TemplateRepository } from './template.repository.js';

@Module({
  imports: [TenantsModule, WhatsAppModule],
  providers: [TemplateRepository, TemplateChangeRepository, BindingRepository, CatalogService],
  exports: [CatalogService],
})
export class TemplatesModule {}
