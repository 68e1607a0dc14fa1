import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../libs/platform/src/repo-root.js';
import { DB_TYPES_PATH, generateDbTypes } from './generate.js';

// The committed table types are what prisma/schema.prisma says today: a schema change without
// `npm run db:types` fails here, before a statement typed against the old columns ships.
it('libs/db table types are current with prisma/schema.prisma', async () => {
  const committed = readFileSync(join(repoRoot(), DB_TYPES_PATH), 'utf8');
  expect(await generateDbTypes()).toBe(committed);
}, 60_000);
