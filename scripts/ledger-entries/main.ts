// `npm run ledger:entries`: writes the files generated from the ledger entry definitions.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from '#sigillo/platform';
import { renderAll } from './render.js';

const files = renderAll();
for (const [path, content] of files) {
  const file = join(repoRoot(), path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}
process.stdout.write(`ledger entries: ${files.size} files written\n`);
