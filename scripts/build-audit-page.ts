// Builds the audit page into ONE self-contained file, dist/audit/index.html: the page's own script
// (apps/audit-page/src/main.mts) bundled by esbuild with the ledger library it reuses (strict bundle
// parsers, verifiers, Merkle proofs, signed checkpoints), node:crypto and Buffer replaced by small
// browser shims (SHA-256 and Ed25519 from @noble), inlined with its style, and a hash-based CSP.
// The file works served at /audit and saved to disk (file://); it contacts only the RPC typed in it.
// Run by `npm run build` after tsc: node dist/scripts/build-audit-page.js
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Interface } from 'ethers';
import { auditPageCsp } from '../apps/audit-page/csp.js';
import { LEDGER_ABI_IDS } from '../apps/audit-page/src/rpc-anchor-reader.js';
import { NOTIFICATION_LEDGER_ABI } from '#sigillo/chain';
import { repoRoot } from '#sigillo/platform';

const CSP_MARKER = '<!--audit-page:csp-->';
const SCRIPT_MARKER = '<!--audit-page:script-->';
// Far more than the page needs (about 100 kB): a jump means something heavy got bundled by mistake.
const MAX_SCRIPT_BYTES = 400_000;

export async function buildAuditPage(root = repoRoot()): Promise<{ file: string; bytes: number }> {
  assertAbiIds();
  const page = join(root, 'apps/audit-page');
  const shims = join(page, 'src/shims');
  // esbuild is a dependency of the toolchain (tsx); imported lazily so the rest of the build does not need it.
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(page, 'src/main.mts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    minify: true,
    charset: 'ascii',
    legalComments: 'none',
    logLevel: 'silent',
    // Bundle-wide: the library names the global Buffer; the shim replaces it without becoming global.
    inject: [join(shims, 'buffer.ts')],
    plugins: [
      {
        name: 'node-shims',
        setup(build) {
          const targets: Record<string, string> = {
            'node:crypto': join(shims, 'node-crypto.ts'),
            'node:util/types': join(shims, 'node-util-types.ts'),
          };
          build.onResolve({ filter: /^node:/ }, (args) => {
            const path = targets[args.path];
            if (path) return { path };
            return { errors: [{ text: `${args.path} (imported by ${args.importer}) has no browser shim in apps/audit-page/src/shims` }] };
          });
        },
      },
    ],
  });
  const [output] = result.outputFiles;
  const script = output.text;
  // An inline script ends at the first "</script"; "<!--" would change how the HTML parser reads it.
  if (/<\/script|<!--/i.test(script)) throw new Error('audit page: the bundled script contains "</script" or "<!--"; it cannot be inlined');
  if (script.length > MAX_SCRIPT_BYTES) throw new Error(`audit page: the script is ${script.length} bytes, more than ${MAX_SCRIPT_BYTES}`);

  const template = readFileSync(join(page, 'index.html'), 'utf8');
  for (const marker of [CSP_MARKER, SCRIPT_MARKER]) {
    if (template.split(marker).length !== 2) throw new Error(`audit page: index.html must contain ${marker} exactly once`);
  }
  // split/join, not replace(): the script may contain "$&" and friends.
  const withScript = template.split(SCRIPT_MARKER).join(`<script>${script}</script>`);
  const csp = auditPageCsp(withScript, { meta: true });
  const html = withScript.split(CSP_MARKER).join(`<meta http-equiv="Content-Security-Policy" content="${csp}">`);

  const outDir = join(root, 'dist/audit');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'index.html');
  writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html) };
}

/** The page carries precomputed selectors (no Keccak in the browser): they must match the ABI. */
function assertAbiIds(): void {
  const abi = new Interface(NOTIFICATION_LEDGER_ABI);
  const actual = {
    rootAt: abi.getFunction('rootAt')!.selector,
    notAnchored: abi.getError('NotAnchored')!.selector,
    checkpointAnchored: abi.getEvent('CheckpointAnchored')!.topicHash,
  };
  for (const [name, value] of Object.entries(actual)) {
    if (LEDGER_ABI_IDS[name as keyof typeof LEDGER_ABI_IDS] !== value) {
      throw new Error(`audit page: LEDGER_ABI_IDS.${name} is ${LEDGER_ABI_IDS[name as keyof typeof LEDGER_ABI_IDS]}, but the ABI says ${value}`);
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { file, bytes } = await buildAuditPage();
  console.log(`audit page: ${file} (${Math.round(bytes / 1024)} kB)`);
}
