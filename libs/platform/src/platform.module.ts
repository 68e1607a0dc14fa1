import { DynamicModule, Module } from '@nestjs/common';
import { BaseConfig, DatabaseConfig } from './config.js';
import { PrismaService } from './prisma.service.js';

/**
 * The validated configuration and the database client. Global because every module of every app
 * needs both, and the config instance is only known once the entry point has validated it.
 */
@Module({})
export class PlatformModule {
  static forRoot<T extends BaseConfig>(config: T): DynamicModule {
    const concrete = config.constructor as new () => T;
    return {
      module: PlatformModule,
      global: true,
      providers: [
        { provide: concrete, useValue: config },
        { provide: BaseConfig, useValue: config },
        { provide: DatabaseConfig, useValue: config },
        PrismaService,
      ],
      exports: [concrete, BaseConfig, DatabaseConfig, PrismaService],
    };
  }
}
