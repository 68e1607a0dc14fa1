import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { ApiConfig } from '../../../libs/platform/src/config.js';
import { ApiModule } from './api.module.js';

/** Passweb payloads are small; anything bigger is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = '64kb';

/** Meta batches many statuses in one webhook; its signature covers the exact bytes, kept raw. */
export const MAX_WEBHOOK_BYTES = '4mb';

/** The api as main.ts and the tests build it, so tests exercise the real HTTP setup. */
export async function createApi(config: ApiConfig, logger?: LoggerService | LogLevel[] | false): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config), {
    bodyParser: false,
    ...(logger !== undefined ? { logger } : {}),
  });
  // Registered first: the webhook route gets the raw bytes and the JSON parser then skips it.
  app.use('/v1/webhooks', express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES }));
  app.useBodyParser('json', { limit: MAX_BODY_BYTES });
  app.enableShutdownHooks();
  return app;
}
