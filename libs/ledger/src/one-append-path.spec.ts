import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '#sigillo/platform';

// One append path (issue 14 §1): ledger-append.ts is the only code that inserts into
// ledger_entries, nothing outside libs/ledger changes its rows, and only libs/ledger reads entry
// bodies by field in SQL (`body->>'…'`): everyone else goes through the entry definitions.
const APPEND_PATH = 'libs/ledger/src/ledger-append.ts';

function applicationFiles(): string[] {
  const root = repoRoot();
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'generated' && entry.name !== 'node_modules') walk(path);
      } else if (/\.(ts|tsx|mts)$/.test(entry.name) && !/\.(spec|e2e-spec)\.ts$/.test(entry.name)) {
        files.push(relative(root, path));
      }
    }
  };
  walk(join(root, 'libs'));
  walk(join(root, 'apps'));
  return files;
}

const files = applicationFiles();
const text = new Map(files.map((file) => [file, readFileSync(join(repoRoot(), file), 'utf8')]));
const containing = (pattern: RegExp) => files.filter((file) => pattern.test(text.get(file)!));
const outsideLedger = (file: string) => !file.startsWith('libs/ledger/');

it('has exactly one file that inserts into ledger_entries: the append path', () => {
  expect(containing(/INSERT\s+INTO\s+ledger_entries\b/i)).toEqual([APPEND_PATH]);
});

it("writes no ledger entry through Prisma's model API (ledgerEntry.create, …): it would bypass the append path", () => {
  expect(containing(/\.ledgerEntry\.(create|createMany|update|updateMany|upsert|delete|deleteMany)\b/)).toEqual([]);
});

it('changes or deletes ledger entries only inside libs/ledger (the sequencer, crypto-shredding)', () => {
  expect(containing(/UPDATE\s+ledger_entries\b|DELETE\s+FROM\s+ledger_entries\b/i).filter(outsideLedger)).toEqual([]);
});

it("reads entry bodies by field in SQL (body->>'…') only inside libs/ledger", () => {
  expect(containing(/\bbody\s*->>?\s*'/).filter(outsideLedger)).toEqual([]);
});

it('looks at the real tree (the patterns match what they are meant to)', () => {
  expect(files).toContain(APPEND_PATH);
  expect(containing(/UPDATE\s+ledger_entries\b/i)).toContain('libs/ledger/src/subject-entries.ts');
  expect(containing(/\bbody\s*->>?\s*'/)).toContain('libs/ledger/src/ledger.repository.ts');
});
