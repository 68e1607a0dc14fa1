import { Module } from '@nestjs/common';
import { AuthModule } from '#sigillo/auth';
import { TenantRepository } from './tenant.repository.js';
import { TenantsService } from './tenants.service.js';

@Module({
  imports: [AuthModule],
  providers: [TenantRepository, TenantsService],
  exports: [TenantsService],
})
export class TenantsModule {}
