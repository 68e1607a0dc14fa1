import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../../platform/src/repo-root.js';

// One way to the database (docs/sql-layer.md): transactions through withTransaction, sessions
// through DedicatedSession. These files still do it by hand and are to be converted; no other
// application file may start doing so. (A converted file may leave the list at any time.)
const HAND_ROLLED_TRANSACTIONS = new Set([
  'libs/erasure/src/erasure.repository.ts',
  'libs/notifications/src/status.repository.ts',
  'libs/ledger/src/sequencer-store.ts',
  'libs/ledger/src/audit/audit-store.ts',
]);
const BARE_CLIENTS = new Set([
  'libs/ledger/src/sequencer-store.ts',
  'libs/ledger/src/audit/audit-store.ts',
  // Dev and test tooling (database creation, stack checks), not the running service.
  'libs/platform/src/database-setup.ts',
  'libs/platform/src/stack-checks.ts',
]);

function applicationFiles(): string[] {
  const root = repoRoot();
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'generated' && entry.name !== 'node_modules') walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        files.push(relative(root, path));
      }
    }
  };
  walk(join(root, 'libs'));
  walk(join(root, 'apps'));
  return files;
}

const offenders = (pattern: RegExp, allowed: Set<string>) =>
  applicationFiles().filter((file) => !file.startsWith('libs/db/') && !allowed.has(file) && pattern.test(readFileSync(join(repoRoot(), file), 'utf8')));

it('opens transactions only through withTransaction', () => {
  expect(offenders(/query\(\s*['"`]BEGIN\b/, HAND_ROLLED_TRANSACTIONS)).toEqual([]);
});

it('opens no bare pg.Client (a dedicated session is a DedicatedSession)', () => {
  expect(offenders(/new\s+(pg\.)?Client\s*\(\s*\{\s*connectionString/, BARE_CLIENTS)).toEqual([]);
});
