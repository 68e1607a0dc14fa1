// `npm run db:types`: rewrites the committed table types after a change to prisma/schema.prisma.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { repoRoot } from '../../libs/platform/src/repo-root.js';
import { DB_TYPES_PATH, generateDbTypes } from './generate.js';

generateDbTypes().then(
  (text) => {
    writeFileSync(join(repoRoot(), DB_TYPES_PATH), text);
    console.log(`wrote ${DB_TYPES_PATH}`);
  },
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
