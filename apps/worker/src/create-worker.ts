import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { WorkerConfig } from '#sigillo/platform';
import { WorkerModule } from './worker.module.js';

/** The worker as main.ts and the tests build it: JSON logs from the first line on. */
export async function createWorker(config: WorkerConfig, logDestination?: DestinationStream): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logDestination), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  return app;
}
