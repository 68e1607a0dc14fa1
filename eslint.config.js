// `npm run lint`: typescript-eslint's recommended rules, no import cycle between files, and the
// library boundaries (docs/boundaries.md): a library is reached only through its public entry
// '#sigillo/<lib>' (libs/<lib>/src/index.ts), browser code only through '#sigillo/<lib>/core', and
// the dev-only stack helpers only from tests and scripts. Because every cross-library import goes
// through an index that loads the whole library, no-cycle also rejects cycles between libraries.
// Tests may use `any` for the JSON they poke at; production code may not.
import { readdirSync } from 'node:fs';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettierConfig from 'eslint-config-prettier/flat';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

const LIBS = readdirSync(new URL('./libs', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const deepImport = {
  regex: '^(\\.\\./)+(libs/)?[a-z0-9-]+/src/',
  message: "import another library through its public entry, '#sigillo/<lib>' (its src/index.ts), not a file inside it",
};
const devStack = {
  regex: '^#sigillo/dev-stack',
  message: 'libs/dev-stack (local Hardhat node, deploy, database setup, stack checks) is for tests and scripts, not production code',
};
const serverEntry = {
  regex: '^#sigillo/[a-z0-9-]+$',
  message: "browser code imports a library's pure surface, '#sigillo/<lib>/core', never its server entry",
};
const selfImport = (lib) => ({
  regex: `^#sigillo/${lib}(/core)?$`,
  message: `files inside libs/${lib} import each other by relative path; its index is for other libraries`,
});
const restricted = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'artifacts/**',
      'cache/**',
      'types/**',
      '.dev/**',
      'libs/platform/src/generated/**',
      '**/*.generated.ts',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      // Without these import-x parses only .js files, and no-cycle silently sees no TypeScript edge.
      'import-x/extensions': ['.ts', '.tsx', '.mts'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { maxDepth: Infinity }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  { files: ['**/*.ts', '**/*.mts', '**/*.tsx'], rules: restricted(deepImport) },
  { files: ['apps/**/*.ts', 'apps/**/*.mts', 'apps/**/*.tsx'], rules: restricted(deepImport, devStack) },
  { files: ['apps/audit-page/**', 'apps/console/**'], rules: restricted(deepImport, devStack, serverEntry) },
  ...LIBS.map((lib) => ({
    files: [`libs/${lib}/**/*.ts`],
    rules: restricted(deepImport, selfImport(lib), ...(lib === 'dev-stack' ? [] : [devStack])),
  })),
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // Formatting is Prettier's (`npm run lint` checks it): no ESLint rule may disagree with it.
  prettierConfig,
);
