import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit, WorkerConfig, exitIfShutdownOutlasts } from '#sigillo/platform';
import { createWorker } from './create-worker.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit(WorkerConfig);
  const app = await createWorker(config);
  // SIGTERM/SIGINT: WorkerDrain stops jobs and pollers before the pools close (see README, operators).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  exitIfShutdownOutlasts(config.SHUTDOWN_GRACE_MS, new Logger('Shutdown'));
}

void main();
