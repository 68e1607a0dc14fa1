import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ApiConfig, loadConfig } from '#sigillo/platform';
import { ApiModule } from '../api.module.js';
import { buildOpenApiDocument } from './document.js';

/** Where `npm run openapi` writes the document, relative to the project root. */
export const OPENAPI_FILE = 'docs/openapi.json';

/**
 * The api's document without a stack: the real ApiModule in Nest's preview mode, which resolves
 * the module graph but instantiates no provider, so no database, Redis or chain is reached. The
 * configuration only has to pass validation; nothing in the document depends on it.
 */
export async function offlineOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig(ApiConfig, { LEDGER_CONTRACT_ADDRESS: `0x${'0'.repeat(40)}` });
  const app = await NestFactory.create(ApiModule.forRoot(config), new FastifyAdapter(), { preview: true, logger: false });
  return buildOpenApiDocument(app);
}

/** Stable text for the file: the diff of a route change is the diff of its operation. */
export function serializeOpenApi(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
