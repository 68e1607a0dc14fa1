// `sigillo verify <bundle.json> --rpc URL`: checks a proof bundle with nothing
// but the bundle and a chain RPC, so an auditor needs no access to Sigillo.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { EthersAnchorReader } from '../../../libs/chain/src/anchor-reader.js';
import { parseBundle, type ProofBundle } from '../../../libs/ledger/src/bundle.js';
import { bundleVerified, verifyBundle, type AnchorReader, type BundleCheck } from '../../../libs/ledger/src/bundle-verify.js';
import { parseCheckpointNote, parseVerifierKey } from '../../../libs/ledger/src/checkpoint.js';
import type { CliCommand, CliIo } from './main.js';

export interface VerifyDeps {
  /** Opens the chain; throws with a one-line message when the RPC cannot be used. */
  connect(url: string): Promise<AnchorReader & { destroy?(): void }>;
}

const USAGE = `usage: sigillo verify <bundle.json> --rpc URL [--key VERIFIER_KEY] [--json]

Checks a Sigillo proof bundle: the entry is canonical, its leaf is in the signed
checkpoint, the checkpoint is consistent with the tree head anchored on chain,
and the contract and the anchoring transaction agree.

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
  const bundle = await loadBundle(path, io);
  if (!bundle) return 2;

  let chain: AnchorReader & { destroy?(): void };
  try {
    chain = await deps.connect(values.rpc);
  } catch (e) {
    return inputError(io, (e as Error).message);
  }
  let checks: BundleCheck[];
  try {
    checks = await verifyBundle(bundle, { chain, verifierKey: values.key });
  } finally {
    chain.destroy?.();
  }

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

async function loadBundle(path: string, io: CliIo): Promise<ProofBundle | undefined> {
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
    return parseBundle(json);
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
