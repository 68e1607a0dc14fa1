import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The built apps dev runs; checked up front so a missing build fails before anything starts. */
export function builtEntryPoints(root: string): { api: string; worker: string; cli: string; simulator: string } {
  const entryPoints = {
    api: join(root, 'dist/apps/api/src/main.js'),
    worker: join(root, 'dist/apps/worker/src/main.js'),
    cli: join(root, 'dist/apps/cli/src/main.js'),
    simulator: join(root, 'dist/apps/wa-simulator/src/main.js'),
  };
  const missing = Object.values(entryPoints).filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(`${missing.map((p) => relative(root, p)).join(', ')} missing: run \`npm run build\` (npm run dev does)`);
  }
  return entryPoints;
}
