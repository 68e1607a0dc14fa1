// `npm run openapi`: writes the api's OpenAPI document to docs/openapi.json. No stack needed;
// apps/api/src/openapi/openapi-current.spec.ts fails `npm test` when the file is not current.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { offlineOpenApiDocument, OPENAPI_FILE, serializeOpenApi } from '../apps/api/src/openapi/offline-document.js';
import { repoRoot } from '#sigillo/platform';

const document = await offlineOpenApiDocument();
writeFileSync(join(repoRoot(), OPENAPI_FILE), serializeOpenApi(document));
process.stdout.write(`openapi: ${OPENAPI_FILE} (${Object.keys(document.paths).length} paths)\n`);
process.exit(0);
