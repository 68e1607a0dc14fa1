import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '#sigillo/platform';
import { TENANT_KEY_REFUSED } from '../queues/admin-key-gate.js';
import { QUEUE_BOARD_PATH } from '../queues/queue-board.js';
import { API_KEY_SCHEME } from './api-key-auth.js';

/** Swagger UI at /docs, the document at /docs-json. */
export const DOCS_PATH = 'docs';

const DESCRIPTION = `Passweb events in, WhatsApp template messages out, every decision and delivery in a verifiable Merkle log anchored on an EVM chain.

**Keys.** Every /v1 endpoint but Meta's webhooks takes an API key as \`Authorization: Bearer sk_<role>_…\`, of the role the endpoint names (passweb, auditor, admin). A key belongs to one tenant, or is deployment-wide (operators; such a key names the tenant with \`?tenantId=\` where one is needed). No or an unknown key: 401; a key of another role: 403.

**Errors** are JSON: \`{ statusCode, error, message }\`; validation errors (400, 422) add \`errors: [{ field, message }]\`, one per offending field, naming the rule and never echoing the value. Bodies must be JSON (415 otherwise) of at most 64 KiB (413).

**Rate limit.** Each API key may make RATE_LIMIT_PER_MINUTE requests a minute (6000 by default, shared by every api replica); above it 429 with \`Retry-After\`. Responses carry \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\`.

**Request ids.** Send \`X-Request-Id\` (1–128 letters, digits, \`.\`, \`_\`, \`:\`, \`-\`) or get one generated; it is echoed on every response and carried into the worker's logs for the send it caused.`;

/** The OpenAPI 3 document of the api, from the controllers' decorators; also written to docs/openapi.json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Sigillo API')
    .setDescription(DESCRIPTION)
    .setVersion(packageVersion())
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key: sk_passweb_…, sk_auditor_… or sk_admin_…' }, API_KEY_SCHEME)
    .addTag('events', 'Passweb events (POST /v1/events)')
    .addTag('consents', 'Consent changes and their history')
    .addTag('templates', 'The synced template catalog and event → template bindings')
    .addTag('contacts', 'What Sigillo knows of one recipient')
    .addTag('subjects', 'Erasure of a data subject')
    .addTag('ledger', 'Proof bundles of ledger entries')
    .addTag('webhooks', "Meta's WhatsApp webhook callback")
    .addTag('operators', 'Health, metrics and the queues dashboard')
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) => `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  document.paths[QUEUE_BOARD_PATH] = queueBoardPath();
  return document;
}

export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    raw: ['json'],
    customSiteTitle: 'Sigillo API',
  });
}

/** Bull Board is a Fastify plugin registered beside Nest's routes, so it is described by hand. */
function queueBoardPath(): OpenAPIObject['paths'][string] {
  return {
    get: {
      tags: ['operators'],
      operationId: 'QueueBoard_page',
      summary: 'Bull Board: the send, webhooks, anchoring and maintenance queues (deployment-wide admin key)',
      description:
        "An HTML dashboard (and its JSON API under /admin/queues/api). Deployment-wide admin keys only: the queues hold every tenant's jobs, so a tenant's admin key is refused (403). Browsers: open `/admin/queues?key=<admin key>` once; the key is set as an HttpOnly cookie scoped to /admin/queues and the browser is sent back to the page without it (303).",
      security: [{ [API_KEY_SCHEME]: [] }],
      parameters: [{ name: 'key', in: 'query', required: false, description: 'An admin key, once, from a browser', schema: { type: 'string' } }],
      responses: {
        '200': { description: 'The dashboard', content: { 'text/html': { schema: { type: 'string' }, example: '<!DOCTYPE html>…' } } },
        '303': { description: '`?key=` accepted: the cookie is set and the browser sent to the same URL without the key' },
        '401': {
          description: 'No or an unknown key',
          content: { 'application/json': { example: { statusCode: 401, error: 'Unauthorized', message: 'invalid API key' } } },
        },
        '403': {
          description: "Not an admin key, or a tenant's admin key",
          content: { 'application/json': { example: { statusCode: 403, error: 'Forbidden', message: TENANT_KEY_REFUSED } } },
        },
      },
    },
  };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
