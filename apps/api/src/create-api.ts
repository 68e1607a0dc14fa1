import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { ApiConfig } from '#sigillo/platform';
import { ApiModule } from './api.module.js';
import { registerConsoleStatic } from './console/console-static.js';
import { HttpDrain } from './health/http-drain.service.js';
import { fastifyAdapter, installFastifyHttp } from './http/fastify-http.js';
import { setupOpenApi } from './openapi/document.js';
import { QueueBoard } from './queues/queue-board.js';
import { SECURITY_HEADERS } from './security-headers.js';

export interface ApiOptions {
  /** Where the JSON logs go: stdout unless given (tests capture them). */
  logDestination?: DestinationStream;
}

/** The api as main.ts and the tests build it, so tests exercise the real HTTP setup. */
export async function createApi(config: ApiConfig, options: ApiOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, options.logDestination), fastifyAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useSecurityHeaders(SECURITY_HEADERS);
  installFastifyHttp(app.getHttpAdapter().getInstance());
  await registerConsoleStatic(app.getHttpAdapter().getInstance());
  await app.get(QueueBoard).register(app);
  setupOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  // In front of Fastify's request listener: requests arriving once a shutdown began get 503.
  app.get(HttpDrain).attach(app.getHttpServer());
  return app;
}
