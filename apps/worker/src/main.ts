import 'reflect-metadata';
import { loadConfigOrExit, WorkerConfig } from '../../../libs/platform/src/config.js';
import { createWorker } from './create-worker.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit(WorkerConfig);
  const app = await createWorker(config);
  app.enableShutdownHooks();
}

void main();
