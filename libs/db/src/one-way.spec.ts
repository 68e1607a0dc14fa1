import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '#sigillo/platform';

// One way to the database (docs/sql-layer.md): SQL through libs/db's typed statements, transactions
// through withTransaction (or a DedicatedSession's transaction), sessions through DedicatedSession.
// No application file runs SQL text by hand, opens a transaction by hand, holds a bare pg.Client or
// reaches for Prisma's raw SQL. Dev and test tooling (libs/dev-stack: database creation, stack
// checks) is not the running service and keeps its short-lived maintenance connections.
const DEV_TOOLING = 'libs/dev-stack/';
// Prisma keeps the repositories written with its model API (docs/sql-layer.md); this one serialises
// a tenant's catalog writes inside such a transaction with a transaction-level advisory lock.
const PRISMA_RAW = new Set(['libs/templates/src/template.repository.ts']);

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

const offenders = (pattern: RegExp, allowed: (file: string) => boolean = () => false) =>
  applicationFiles().filter(
    (file) => !file.startsWith('libs/db/') && !file.startsWith(DEV_TOOLING) && !allowed(file) && pattern.test(readFileSync(join(repoRoot(), file), 'utf8')),
  );

it('opens transactions only through withTransaction', () => {
  expect(offenders(/query\(\s*['"`](BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK)\b/i)).toEqual([]);
});

it('opens no bare pg.Client (a dedicated session is a DedicatedSession)', () => {
  expect(offenders(/new\s+(pg\.)?Client\s*\(/)).toEqual([]);
});

it('runs no SQL by hand: every statement is a typed `statement` of libs/db, run by its rows() or run()', () => {
  expect(offenders(/\.query(<[^>]*>)?\(/)).toEqual([]);
});

it('uses no Prisma raw SQL ($queryRaw, $executeRaw): SQL goes through libs/db', () => {
  expect(offenders(/\$(queryRaw|executeRaw)(Unsafe)?\b/, (file) => PRISMA_RAW.has(file))).toEqual([]);
});

it('sees the tooling it exempts (the patterns match what they are meant to)', () => {
  const tooling = applicationFiles().filter(
    (file) => file.startsWith(DEV_TOOLING) && /new\s+(pg\.)?Client\s*\(/.test(readFileSync(join(repoRoot(), file), 'utf8')),
  );
  expect(tooling.length).toBeGreaterThan(0);
});
