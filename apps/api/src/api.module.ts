import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { DestinationStream } from 'pino';
import { loggingModule } from '#sigillo/observability';
import { ApiConfig, PlatformModule, redisConnection } from '#sigillo/platform';
import { AuditPageModule } from './audit-page/audit-page.module.js';
import { ConsentsApiModule } from './consents/consents.module.js';
import { ConsoleModule } from './console/console.module.js';
import { ContactsApiModule } from './contacts/contacts.module.js';
import { DatabaseUnavailableFilter } from './database-unavailable.filter.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { LedgerSchemasModule } from './ledger-schemas/ledger-schemas.module.js';
import { MetricsApiModule } from './metrics/metrics-api.module.js';
import { ProofsModule } from './proofs/proofs.module.js';
import { QueueBoardModule } from './queues/queue-board.module.js';
import { SubjectsApiModule } from './subjects/subjects.module.js';
import { TemplatesApiModule } from './templates/templates.module.js';
import { ThrottlingModule } from './throttling/throttling.module.js';
import { WebhooksApiModule } from './webhooks/webhooks.module.js';

@Module({})
export class ApiModule {
  /** `logDestination`: where the JSON logs go (stdout by default; tests capture them). */
  static forRoot(config: ApiConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config),
        loggingModule(config, logDestination),
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        ProofsModule,
        LedgerSchemasModule,
        EventsModule,
        ConsentsApiModule,
        TemplatesApiModule,
        WebhooksApiModule,
        ContactsApiModule,
        SubjectsApiModule,
        AuditPageModule,
        ConsoleModule,
        HealthModule,
        MetricsApiModule,
        QueueBoardModule,
        ThrottlingModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: DatabaseUnavailableFilter }],
    };
  }
}
