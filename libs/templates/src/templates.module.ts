import { Module } from '@nestjs/common';
import { TenantsModule } from '../../tenants/src/tenants.module.js';
import { BindingRepository } from './binding.repository.js';
import { CatalogService } from './catalog.service.js';
import { TemplateChangeRepository } from './template-change.repository.js';
import { TemplateRepository } from './template.repository.js';

@Module({
  imports: [TenantsModule],
  providers: [TemplateRepository, TemplateChangeRepository, BindingRepository, CatalogService],
  exports: [CatalogService],
})
export class TemplatesModule {}
