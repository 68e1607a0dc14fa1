// `sigillo verify <bundle.json> --rpc URL`: checks a proof bundle with nothing
// but the bundle and a chain RPC, so an auditor needs no access to Sigillo.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EthersAnchorReader } from '#sigillo/chain';
import {
  parseBundle,
  type ProofBundle,
  bundleVerified,
  verifyBundle,
  verifyBundleOffline,
  type AnchorReader,
  type BundleCheck,
  parseStoryBundle,
  STORY_BUNDLE_FORMAT,
  type StoryBundle,
  parseCheckpointNote,
  parseVerifierKey,
  storyLine,
} from '#sigillo/ledger';
import type { CliCommand, CliIo } from './main.js';

export interface VerifyDeps {
  /** Opens the chain; throws with a one-line message when the RPC cannot be used. */
  connect(url: string): Promise<AnchorReader & { destroy?(): void }>;
}

const USAGE = `usage: sigillo verify <bundle.json> --rpc URL [--key VERIFIER_KEY] [--json]

Checks a Sigillo proof bundle: the entry is canonical, its leaf is in the signed
checkpoint, the checkpoint is consistent with the tree head anchored on chain,
and the contract and the anchoring transaction agree. A story bundle (every
entry of one message or event) is checked entry by entry and printed as a
timeline with a mark per entry.

  --rpc URL     JSON-RPC endpoint of the chain the bundle is anchored on (required)
  --key KEY     the log's verifier key as you know it (name+keyid+base64);
                without it the key inside the bundle is trusted
  --json        print every check as JSON instead of a summary

exit status: 0 verified, 1 a check failed, 2 bad usage or unusable input`;

const defaultDeps: VerifyDeps = {
  connect: (url) => EthersAnchorReader.connect(url),
};

export function createVerifyCommand(deps: VerifyDeps = defaultDeps): CliCommand {
  return {
    summary: 'verify a proof bundle against its signed checkpoint and the chain',
    usage: USAGE,
    run: (args, io) => runVerify(args, io, deps),
  };
}

export const command = createVerifyCommand();

async function runVerify(args: string[], io: CliIo, deps: VerifyDeps): Promise<number> {
  let values: { rpc?: string; key?: string; json?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      options: {
        rpc: { type: 'string' },
        key: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (e) {
    return usageError(io, (e as Error).message);
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length === 0) return usageError(io, 'missing <bundle.json>');
  if (positionals.length > 1) return usageError(io, `expected one bundle file, got ${positionals.length}`);
  if (!values.rpc) return usageError(io, 'missing --rpc URL (the chain RPC to check the anchor against)');
  if (values.key !== undefined) {
    try {
      parseVerifierKey(values.key);
    } catch (e) {
      return usageError(io, `--key: ${(e as Error).message}`);
    }
  }

  const path = positionals[0];
  const loaded = await loadBundle(path, io);
  if (!loaded) return 2;
  const { story, bundles } = loaded;
  const bundle = bundles[0];

  let chain: AnchorReader & { destroy?(): void };
  try {
    chain = await deps.connect(values.rpc);
  } catch (e) {
    return inputError(io, (e as Error).message);
  }
  // The entries of a story share checkpoint and anchor: the chain is asked once.
  const results: BundleCheck[][] = [];
  try {
    results.push(await verifyBundle(bundle, { chain, verifierKey: values.key }));
    for (const b of bundles.slice(1)) results.push(verifyBundleOffline(b, values.key));
  } finally {
    chain.destroy?.();
  }
  if (story) return reportStory(io, story, bundles, results, values.json === true);
  const checks = results[0];

  const ok = bundleVerified(checks);
  if (values.json) {
    io.out(JSON.stringify({ ok, checks }, null, 2));
  } else if (ok) {
    io.out(summary(bundle));
  } else {
    for (const c of checks.filter((c) => !c.ok)) io.out(`FAIL ${c.check}: ${c.message}`);
  }
  return ok ? 0 : 1;
}

function reportStory(io: CliIo, story: StoryBundle, bundles: ProofBundle[], results: BundleCheck[][], json: boolean): number {
  const ok = results.every(bundleVerified);
  if (json) {
    io.out(JSON.stringify({ ok, entries: bundles.map((b, i) => ({ seq: b.leafIndex, ok: bundleVerified(results[i]), checks: results[i] })) }, null, 2));
    return ok ? 0 : 1;
  }
  bundles.forEach((b, i) => {
    io.out(`${bundleVerified(results[i]) ? '✓' : '✗'} ${storyLine(b)}`);
    for (const c of results[i].filter((c) => !c.ok)) io.out(`    FAIL ${c.check}: ${c.message}`);
  });
  if (ok) {
    const { origin, treeSize } = parseCheckpointNote(story.checkpoint.note);
    const a = story.anchor;
    io.out(
      `OK ${bundles.length} entries of ${story.subject.kind} ${story.subject.id} are in checkpoint ${treeSize} of ${origin}, ` +
        `anchored at tree size ${a.treeSize} in block ${a.blockNumber} tx ${a.txHash} on chain ${a.chainId}, contract ${a.contract}`,
    );
  }
  return ok ? 0 : 1;
}

async function loadBundle(path: string, io: CliIo): Promise<{ story?: StoryBundle; bundles: ProofBundle[] } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    inputError(io, `cannot read ${path}: ${readFailure(e)}`);
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    inputError(io, `${path} is not JSON: ${(e as Error).message}`);
    return undefined;
  }
  try {
    if ((json as { format?: unknown } | null)?.format === STORY_BUNDLE_FORMAT) return parseStoryBundle(json);
    return { bundles: [parseBundle(json)] };
  } catch (e) {
    inputError(io, `${path} is not a valid proof bundle: ${(e as Error).message}`);
    return undefined;
  }
}

// Only called once every check passed, so the note and the entry parse.
function summary(bundle: ProofBundle): string {
  const { type } = JSON.parse(bundle.entry.canonical) as { type: string };
  const { origin, treeSize } = parseCheckpointNote(bundle.checkpoint.note);
  const a = bundle.anchor;
  return (
    `OK entry ${bundle.entry.seq} (${type}) is in checkpoint ${treeSize} of ${origin}, ` +
    `anchored at tree size ${a.treeSize} in block ${a.blockNumber} tx ${a.txHash} on chain ${a.chainId}, contract ${a.contract}`
  );
}

function readFailure(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return (e as Error).message;
  }
}

function usageError(io: CliIo, problem: string): number {
  io.err(`sigillo verify: ${problem}`);
  io.err(USAGE);
  return 2;
}

function inputError(io: CliIo, problem: string): number {
  io.err(`sigillo verify: ${problem}`);
  return 2;
}
