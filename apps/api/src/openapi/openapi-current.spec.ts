import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '#sigillo/platform';
import { offlineOpenApiDocument, OPENAPI_FILE, serializeOpenApi } from './offline-document.js';

// The checked-in docs/openapi.json is what integrators read: a route or example changed without
// `npm run openapi` fails `npm test`.
describe('docs/openapi.json', () => {
  it('is the document the api builds (run `npm run openapi` after changing a route)', async () => {
    const built = serializeOpenApi(await offlineOpenApiDocument());
    const checkedIn = readFileSync(join(repoRoot(), OPENAPI_FILE), 'utf8');
    expect(JSON.parse(checkedIn)).toEqual(JSON.parse(built));
    expect(checkedIn).toBe(built);
  });

  it('gives every operation a summary, a success example and, for a body, request examples', async () => {
    const document = await offlineOpenApiDocument();
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(operations as Record<string, OperationLike>)) {
        const name = `${method.toUpperCase()} ${path}`;
        if (!op.summary) missing.push(`${name}: summary`);
        const successes = Object.entries(op.responses).filter(([status]) => /^2|^3/.test(status));
        if (!successes.some(([, r]) => hasExample(r))) missing.push(`${name}: a success example`);
        for (const [status, r] of Object.entries(op.responses)) {
          if (/^[45]/.test(status) && !hasExample(r)) missing.push(`${name}: example for ${status}`);
        }
        if (op.requestBody && !hasExample(op.requestBody)) missing.push(`${name}: request example`);
      }
    }
    expect(missing).toEqual([]);
  });
});

interface MediaLike {
  example?: unknown;
  examples?: Record<string, unknown>;
}
interface OperationLike {
  summary?: string;
  requestBody?: { content?: Record<string, MediaLike> };
  responses: Record<string, { content?: Record<string, MediaLike> }>;
}

function hasExample(r: { content?: Record<string, MediaLike> }): boolean {
  return Object.values(r.content ?? {}).some((m) => m.example !== undefined || Object.keys(m.examples ?? {}).length > 0);
}
