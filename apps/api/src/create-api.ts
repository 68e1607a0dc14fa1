import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiConfig } from '../../../libs/platform/src/config.js';
import { ApiModule } from './api.module.js';

/** Passweb payloads are small; anything bigger is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = '64kb';

/** The api as main.ts and the tests build it, so tests exercise the real HTTP setup. */
export async function createApi(config: ApiConfig, logger?: LoggerService | LogLevel[] | false): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    ...(logger !== undefined ? { logger } : {}),
  });
  app.useBodyParser('json', { limit: MAX_BODY_BYTES });
  app.enableShutdownHooks();
  return app;
}
