import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ApiConfig, loadConfigOrExit } from '../../../libs/platform/src/config.js';
import { ApiModule } from './api.module.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit(ApiConfig);
  const app = await NestFactory.create(ApiModule.forRoot(config));
  app.enableShutdownHooks();
  await app.listen(config.API_PORT, config.API_HOST);
}

void main();
