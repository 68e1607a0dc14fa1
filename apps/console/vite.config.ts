// Builds the staff console into dist/console (served by the api at /console, with a fallback to
// index.html for the app's own paths). The proof verifier is the audit page's (apps/audit-page/src),
// bundled with the ledger library's browser surface and the same node:crypto / Buffer shims.
// Run by `npm run build`: vite build --config apps/console/vite.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const shims = here('../audit-page/src/shims/');

export default defineConfig({
  root: here('.'),
  base: '/console/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: {
    alias: [
      // The libraries' TypeScript sources, as jest and tsc read them (package.json "imports" points at dist).
      { find: /^#sigillo\/([a-z0-9-]+)\/core$/, replacement: here('../../libs/$1/src/core.ts') },
      { find: 'node:crypto', replacement: `${shims}node-crypto.ts` },
      { find: 'node:util/types', replacement: `${shims}node-util-types.ts` },
    ],
  },
  server: {
    // `vite --config apps/console/vite.config.ts`: the console with its JSON from the api of `npm run dev`.
    proxy: { '/console/api': process.env.SIGILLO_API_URL ?? 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The library names the global Buffer; the shim replaces it without becoming a global.
      transform: { inject: { Buffer: [`${shims}buffer.ts`, 'Buffer'] } },
      // Mantine marks its modules "use client" (for React Server Components): meaningless in a SPA bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
