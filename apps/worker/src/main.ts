import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit, WorkerConfig } from '../../../libs/platform/src/config.js';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit(WorkerConfig);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config));
  app.enableShutdownHooks();
}

void main();
