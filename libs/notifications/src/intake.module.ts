import { Module } from '@nestjs/common';
import { ConsentModule } from '#sigillo/consent';
import { MetricsModule } from '#sigillo/observability';
import { TemplatesModule } from '#sigillo/templates';
import { TenantsModule } from '#sigillo/tenants';
import { IntakeService } from './intake.service.js';
import { NotificationStoreModule } from './notification-store.module.js';

@Module({
  imports: [TenantsModule, TemplatesModule, ConsentModule, NotificationStoreModule, MetricsModule],
  providers: [IntakeService],
  exports: [IntakeService],
})
export class IntakeModule {}
