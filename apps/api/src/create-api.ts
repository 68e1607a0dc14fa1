import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { ApiConfig } from '../../../libs/platform/src/config.js';
import { ApiModule } from './api.module.js';
import { requestId } from './logging/request-id.middleware.js';
import { setupOpenApi } from './openapi/document.js';
import { QUEUE_BOARD_PATH, QueueBoard } from './queues/queue-board.js';

/** Passweb payloads are small; anything bigger is refused with 413 before it is parsed. */
export const MAX_BODY_BYTES = '64kb';

/** Meta batches many statuses in one webhook; its signature covers the exact bytes, kept raw. */
export const MAX_WEBHOOK_BYTES = '4mb';

export interface ApiOptions {
  /** Where the JSON logs go: stdout unless given (tests capture them). */
  logDestination?: DestinationStream;
}

/** The api as main.ts and the tests build it, so tests exercise the real HTTP setup. */
export async function createApi(config: ApiConfig, options: ApiOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, options.logDestination), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.use(requestId);
  // Helmet's CSP suits /docs and /admin/queues (their scripts are files of this origin); without
  // upgrade-insecure-requests, which would send a browser on plain http (local, behind a TLS proxy
  // that forwards http) to https for every script.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // Registered first: the webhook route gets the raw bytes and the JSON parser then skips it.
  app.use('/v1/webhooks', express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES }));
  app.useBodyParser('json', { limit: MAX_BODY_BYTES });
  app.use(QUEUE_BOARD_PATH, app.get(QueueBoard).router);
  setupOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
