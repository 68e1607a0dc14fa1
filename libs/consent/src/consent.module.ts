import { Module } from '@nestjs/common';
import { TenantsModule } from '#sigillo/tenants';
import { ConsentRepository } from './consent.repository.js';
import { ConsentService } from './consent.service.js';

@Module({
  imports: [TenantsModule],
  providers: [ConsentRepository, ConsentService],
  exports: [ConsentRepository, ConsentService],
})
export class ConsentModule {}
