import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The project root: the nearest folder above this file holding a package.json. Walking up (rather
 * than a fixed `../..`) keeps it right both for TS sources run by jest (libs/…) and for the built
 * JS (dist/libs/…), since dist/ has no package.json of its own.
 */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Absolute path of an installed package's bin script, as its package.json declares it. */
export function packageBin(pkg: string, bin = pkg): string {
  const require = createRequire(join(repoRoot(), 'package.json'));
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const rel = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  if (!rel) throw new Error(`${pkg} declares no "${bin}" bin`);
  return join(dirname(manifestPath), rel);
}
