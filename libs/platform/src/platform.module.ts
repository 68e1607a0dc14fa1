import { DynamicModule, Module } from '@nestjs/common';
import { BaseConfig, DatabaseConfig } from './config.js';
import { PgPool } from './pg-pool.service.js';
import { PrismaService } from './prisma.service.js';

/**
 * The validated configuration and the database clients. Global because every module of every app
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
        PgPool,
      ],
      exports: [concrete, BaseConfig, DatabaseConfig, PrismaService, PgPool],
    };
  }
}
