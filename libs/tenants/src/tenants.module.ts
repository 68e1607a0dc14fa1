import { Module } from '@nestjs/common';
import { AuthModule } from '../../auth/src/auth.module.js';
import { ProviderRegistry } from './provider-registry.js';
import { TenantRepository } from './tenant.repository.js';
import { TenantsService } from './tenants.service.js';

@Module({
  imports: [AuthModule],
  providers: [TenantRepository, TenantsService, ProviderRegistry],
  exports: [TenantsService, ProviderRegistry],
})
export class TenantsModule {}
