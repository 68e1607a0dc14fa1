import { Module } from '@nestjs/common';
import { ConsentModule } from '../../consent/src/consent.module.js';
import { MetricsModule } from '../../observability/src/metrics.module.js';
import { TemplatesModule } from '../../templates/src/templates.module.js';
import { TenantsModule } from '../../tenants/src/tenants.module.js';
import { IntakeService } from './intake.service.js';
import { NotificationStoreModule } from './notification-store.module.js';

@Module({
  imports: [TenantsModule, TemplatesModule, ConsentModule, NotificationStoreModule, MetricsModule],
  providers: [IntakeService],
  exports: [IntakeService],
})
export class IntakeModule {}
