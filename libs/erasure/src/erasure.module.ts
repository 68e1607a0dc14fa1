import { Module } from '@nestjs/common';
import { TenantsModule } from '#sigillo/tenants';
import { ErasureRepository } from './erasure.repository.js';
import { ErasureService } from './erasure.service.js';

@Module({
  imports: [TenantsModule],
  providers: [ErasureRepository, ErasureService],
  exports: [ErasureService],
})
export class ErasureModule {}
