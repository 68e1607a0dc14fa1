import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ApiConfig } from '../../../libs/platform/src/config.js';
import { PlatformModule } from '../../../libs/platform/src/platform.module.js';
import { redisConnection } from '../../../libs/platform/src/redis-connection.js';
import { ConsentsApiModule } from './consents/consents.module.js';
import { ContactsApiModule } from './contacts/contacts.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthController } from './health/health.controller.js';
import { JsonOnlyMiddleware } from './json-only.middleware.js';
import { ProofsModule } from './proofs/proofs.module.js';
import { SubjectsApiModule } from './subjects/subjects.module.js';
import { TemplatesApiModule } from './templates/templates.module.js';
import { WebhooksApiModule } from './webhooks/webhooks.module.js';

@Module({})
export class ApiModule implements NestModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config),
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        ProofsModule,
        EventsModule,
        ConsentsApiModule,
        TemplatesApiModule,
        WebhooksApiModule,
        ContactsApiModule,
        SubjectsApiModule,
      ],
      controllers: [HealthController],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonOnlyMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
