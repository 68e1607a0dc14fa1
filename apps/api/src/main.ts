import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ApiConfig, loadConfigOrExit, exitIfShutdownOutlasts } from '#sigillo/platform';
import { createApi } from './create-api.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit(ApiConfig);
  const app = await createApi(config);
  // SIGTERM/SIGINT: HttpDrain drains the server before the pools close (see README, operators);
  // process.exit once done, so the logs are flushed and the exit code says it went cleanly.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  exitIfShutdownOutlasts(config.SHUTDOWN_GRACE_MS, new Logger('Shutdown'));
  await app.listen(config.API_PORT, config.API_HOST);
}

void main();
