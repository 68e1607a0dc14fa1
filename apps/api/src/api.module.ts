import { DynamicModule, Module } from '@nestjs/common';
import { ApiConfig } from '../../../libs/platform/src/config.js';
import { PlatformModule } from '../../../libs/platform/src/platform.module.js';
import { HealthController } from './health/health.controller.js';
import { ProofsModule } from './proofs/proofs.module.js';

@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot(config), ProofsModule],
      controllers: [HealthController],
    };
  }
}
