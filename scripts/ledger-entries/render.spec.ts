import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkEntry, entryTypeName, entrySchema, ENTRY_DEFINITIONS } from '#sigillo/ledger';
import { repoRoot } from '#sigillo/platform';
import { DOC_FILE, newAjv, renderAll } from './render.js';

describe('files generated from the ledger entry definitions', () => {
  it.each([...renderAll()].map(([path, content]) => [path, content]))('%s is current (npm run ledger:entries)', (path, content) => {
    expect(readFileSync(join(repoRoot(), path), 'utf8')).toBe(content);
  });

  it('documents every type and version, with its proof statement and every field', () => {
    const doc = readFileSync(join(repoRoot(), DOC_FILE), 'utf8');
    for (const def of ENTRY_DEFINITIONS) {
      const section = doc.split(`\n## ${def.name} v${def.version}\n`)[1]?.split('\n## ')[0];
      expect(section).toBeDefined();
      expect(section).toContain(def.proves);
      for (const field of Object.keys((def.body as { properties: object }).properties)) expect(section).toContain(`| \`${field}\` |`);
    }
  });

  // The compiled validators and the published schemas must agree: the same verdicts, by Ajv compiling the published file.
  it('the published schemas judge entries as the compiled validators do', () => {
    const ajv = newAjv();
    for (const def of ENTRY_DEFINITIONS) {
      const validate = ajv.compile(entrySchema(def));
      const good = {
        seq: 3,
        type: entryTypeName(def.name, def.version),
        occurredAt: '2026-07-01T09:30:00.000Z',
        recordedAt: '2026-07-01T09:30:01.000Z',
        body: def.example,
      };
      const bad = { ...good, body: { ...def.example, tenantId: 5 } };
      expect(validate(good)).toBe(true);
      expect(checkEntry(good)).toEqual([]);
      expect(validate(bad)).toBe(false);
      // A tenantId may be nullable (deployment-wide keys, global operators): "must be string" or "must be string or null".
      expect(checkEntry(bad)).toEqual([{ field: '/body/tenantId', problem: expect.stringMatching(/^must be string( or null)?$/) }]);
    }
  });
});
