import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import express from 'express';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { ApiConfig } from '../../../libs/platform/src/config.js';
import { ApiModule } from './api.module.js';
import { EventLane } from './events/event-lane.js';
import { HttpDrain } from './health/http-drain.service.js';
import { httpAdapterFrom, type HttpAdapterName } from './http/adapter-choice.js';
import { fastifyAdapter, installFastifyHttp, MAX_BODY_BYTES, MAX_WEBHOOK_BYTES } from './http/fastify-http.js';
import { requestId } from './logging/request-id.middleware.js';
import { setupOpenApi } from './openapi/document.js';
import { QUEUE_BOARD_PATH, QueueBoard } from './queues/queue-board.js';
import { HELMET_OPTIONS, securityHeaders } from './security-headers.js';

export interface ApiOptions {
  /** Where the JSON logs go: stdout unless given (tests capture them). */
  logDestination?: DestinationStream;
  /** Express only: `POST /v1/events` through the event lane (the default) or through Express like every route. */
  eventLane?: boolean;
  /** The HTTP layer; HTTP_ADAPTER when not given (express by default). */
  adapter?: HttpAdapterName;
}

/** The api as main.ts and the tests build it, so tests exercise the real HTTP setup. */
export async function createApi(config: ApiConfig, options: ApiOptions = {}): Promise<INestApplication> {
  const adapter = options.adapter ?? httpAdapterFrom(process.env);
  const app = adapter === 'fastify' ? await createOnFastify(config, options) : await createOnExpress(config, options);
  // In front of whatever answers requests: requests arriving once a shutdown began get 503.
  app.get(HttpDrain).attach(app.getHttpServer());
  return app;
}

async function createOnFastify(config: ApiConfig, options: ApiOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.forRoot(config, options.logDestination), fastifyAdapter(), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // Helmet's headers (same options and defaults), set before any middleware: on every answer, 404s and errors included.
  app.useSecurityHeaders(HELMET_OPTIONS);
  installFastifyHttp(app.getHttpAdapter().getInstance());
  await app.get(QueueBoard).registerOnFastify(app);
  setupOpenApi(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

async function createOnExpress(config: ApiConfig, options: ApiOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, options.logDestination), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.use(requestId);
  app.use(securityHeaders());
  // Registered first: the webhook route gets the raw bytes and the JSON parser then skips it.
  app.use('/v1/webhooks', express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES }));
  const jsonParser = express.json({ limit: MAX_BODY_BYTES });
  app.use(jsonParser);
  app.use(QUEUE_BOARD_PATH, app.get(QueueBoard).expressRouter());
  setupOpenApi(app);
  // The lane is laid over the routes Nest registers at init. The layout it reads is fixed by this
  // code, not by the environment: a failure here is a bug every test run shows at once.
  await app.init();
  if (options.eventLane !== false && !EventLane.attach(app, jsonParser, MAX_BODY_BYTES)) {
    throw new Error('the event lane found POST /v1/events not laid out as it expects');
  }
  return app;
}
