import { Module } from '@nestjs/common';
import { TenantsModule } from '#sigillo/tenants';
import { ProviderRegistry } from './provider-registry.js';

/** Provider selection: which WhatsApp client speaks for a tenant. */
@Module({
  imports: [TenantsModule],
  providers: [ProviderRegistry],
  exports: [ProviderRegistry],
})
export class WhatsAppModule {}
