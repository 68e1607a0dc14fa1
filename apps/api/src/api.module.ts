import { DynamicModule, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ApiConfig } from '../../../libs/platform/src/config.js';
import { PlatformModule } from '../../../libs/platform/src/platform.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthController } from './health/health.controller.js';
import { JsonOnlyMiddleware } from './json-only.middleware.js';
import { ProofsModule } from './proofs/proofs.module.js';
import { TemplatesApiModule } from './templates/templates.module.js';

@Module({})
export class ApiModule implements NestModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot(config), ProofsModule, EventsModule, TemplatesApiModule],
      controllers: [HealthController],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(JsonOnlyMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
