// Checks a proof bundle link by link: entry -> leaf -> signed checkpoint ->
// anchored tree head -> chain. Every link is reported separately so an auditor
// sees exactly which one breaks. Everything but the chain link is pure.
import canonicalize from 'canonicalize';
import type { ProofBundle } from './bundle.js';
import { equalBytes, fromHex, toHex } from './bytes.js';
import { keyLabel, openCheckpointNote, parseCheckpointNote, parseVerifierKey, type ParsedCheckpointNote } from './checkpoint.js';
import { commitmentLeafHash } from './entry.js';
import { checkEntry, describeProblems } from './entries/check.js';
import { definitionOf } from './entries/registry.js';
import { verifyConsistency, verifyInclusion } from './merkle.js';

export type BundleCheckName = 'entry' | 'schema' | 'leaf' | 'checkpoint-signature' | 'inclusion' | 'consistency' | 'chain';

export interface BundleCheck {
  check: BundleCheckName;
  ok: boolean;
  /** One sentence, no newline. */
  message: string;
}

/** A CheckpointAnchored event as found in a transaction receipt. */
export interface AnchoredCheckpoint {
  blockNumber: bigint;
  treeSize: bigint;
  root: Uint8Array;
}

/** The little the verifier needs from a chain; libs/chain implements it over JSON-RPC. */
export interface AnchorReader {
  chainId(): Promise<bigint>;
  /** Root the contract holds for that size; null (or a zero root) when the size was never anchored. */
  rootAt(contract: string, treeSize: bigint): Promise<Uint8Array | null>;
  /** The anchoring in a successful transaction to `contract`; null when the transaction is not that. */
  anchorTransaction(contract: string, txHash: string): Promise<AnchoredCheckpoint | null>;
}

export interface VerifyBundleOptions {
  /** Without a chain reader the 'chain' check is not run and not reported. */
  chain?: AnchorReader;
  /** The log's verifier key as the auditor knows it; defaults to the (self-asserted) key in the bundle. */
  verifierKey?: string;
}

/** Runs every check; the bundle verifies when all of them are ok. Never throws. */
export async function verifyBundle(bundle: ProofBundle, opts: VerifyBundleOptions = {}): Promise<BundleCheck[]> {
  const checks = verifyBundleOffline(bundle, opts.verifierKey);
  if (opts.chain) checks.push(await checkChain(bundle, opts.chain));
  return checks;
}

/** The checks that need no network: entry, schema, leaf, checkpoint-signature, inclusion, consistency. */
export function verifyBundleOffline(bundle: ProofBundle, verifierKey?: string): BundleCheck[] {
  let checkpoint: ParsedCheckpointNote | undefined;
  try {
    checkpoint = parseCheckpointNote(bundle.checkpoint.note);
  } catch {
    // Reported by the checkpoint-signature check; the others just cannot run.
  }
  return [
    guarded('entry', () => checkCanonical(bundle)),
    guarded('schema', () => checkSchema(bundle)),
    guarded('leaf', () => checkLeaf(bundle)),
    guarded('checkpoint-signature', () => checkSignature(bundle, verifierKey)),
    guarded('inclusion', () => checkInclusion(bundle, checkpoint)),
    guarded('consistency', () => checkConsistency(bundle, checkpoint)),
  ];
}

/** True when every check passed (and there was at least one). */
export function bundleVerified(checks: BundleCheck[]): boolean {
  return checks.length > 0 && checks.every((c) => c.ok);
}

type Outcome = { ok: boolean; message: string };

const pass = (message: string): Outcome => ({ ok: true, message });
const fail = (message: string): Outcome => ({ ok: false, message });

// A bundle that bypassed parseBundle (wrong types, bad hex) must fail its
// check, not crash the whole verification.
function guarded(check: BundleCheckName, run: () => Outcome): BundleCheck {
  try {
    return { check, ...run() };
  } catch (e) {
    return { check, ok: false, message: `${check} check could not run: ${oneLine(e)}` };
  }
}

function checkCanonical(bundle: ProofBundle): Outcome {
  const { seq, canonical } = bundle.entry;
  let value: unknown;
  try {
    value = JSON.parse(canonical);
  } catch {
    return fail('entry.canonical is not JSON');
  }
  let recanonical: string | undefined;
  try {
    recanonical = canonicalize(value);
  } catch (e) {
    return fail(`entry.canonical cannot be canonicalised: ${oneLine(e)}`);
  }
  if (recanonical !== canonical) return fail('entry.canonical is not RFC 8785 canonical JSON');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('entry.canonical is not a JSON object');
  const record = value as Record<string, unknown>;
  if (record.seq !== seq) return fail(`entry.canonical has seq ${String(record.seq)} but entry.seq is ${seq}`);
  if (seq !== bundle.leafIndex) return fail(`entry seq ${seq} is not the leaf index ${bundle.leafIndex}`);
  if (typeof record.type !== 'string' || record.type === '') return fail('entry.canonical has no type');
  return pass(`entry ${seq} (${record.type}) is canonical JSON recorded at leaf index ${bundle.leafIndex}`);
}

/** The entry says what its type and version say it must: every wrong field is named (never its value). */
function checkSchema(bundle: ProofBundle): Outcome {
  let value: unknown;
  try {
    value = JSON.parse(bundle.entry.canonical);
  } catch {
    return fail('schema not checked: entry.canonical is not JSON');
  }
  const problems = checkEntry(value);
  const type = (value as { type?: unknown } | null)?.type;
  const def = typeof type === 'string' ? definitionOf(type) : undefined;
  const what = def ? `${def.name} v${def.version}` : 'an entry';
  if (problems.length > 0) return fail(`entry ${bundle.entry.seq} does not match the schema of ${what}: ${describeProblems(problems)}`);
  return pass(`entry ${bundle.entry.seq} matches the schema of ${what}`);
}

function checkLeaf(bundle: ProofBundle): Outcome {
  const recomputed = commitmentLeafHash(fromHex(bundle.entry.salt), bundle.entry.canonical);
  if (!equalBytes(recomputed, fromHex(bundle.leafHash))) {
    return fail(`leaf hash of the entry is ${toHex(recomputed)}, not the bundle's leafHash ${bundle.leafHash}`);
  }
  return pass('leafHash is SHA-256(0x00 || salt || canonical entry)');
}

function checkSignature(bundle: ProofBundle, pinnedKey: string | undefined): Outcome {
  const key = pinnedKey ?? bundle.checkpoint.verifierKey;
  const opened = openCheckpointNote(bundle.checkpoint.note, key);
  if (!opened.ok) return fail(opened.reason);
  const { origin, treeSize } = opened.checkpoint;
  const label = keyLabel(parseVerifierKey(key));
  const source = pinnedKey === undefined ? 'the key given in the bundle' : 'the key given by the auditor';
  return pass(`checkpoint ${treeSize} of ${origin} is signed by ${label} (${source})`);
}

function checkInclusion(bundle: ProofBundle, checkpoint: ParsedCheckpointNote | undefined): Outcome {
  if (!checkpoint) return fail('inclusion not checked: the checkpoint note is malformed');
  const index = BigInt(bundle.leafIndex);
  if (index >= checkpoint.treeSize) {
    return fail(`leaf index ${index} is not below the checkpoint tree size ${checkpoint.treeSize}`);
  }
  const proof = bundle.inclusionProof.map(fromHex);
  if (!verifyInclusion(index, checkpoint.treeSize, fromHex(bundle.leafHash), proof, checkpoint.root)) {
    return fail('inclusion proof does not lead to the checkpoint root');
  }
  return pass(`leaf ${index} is in the checkpoint tree of size ${checkpoint.treeSize}`);
}

function checkConsistency(bundle: ProofBundle, checkpoint: ParsedCheckpointNote | undefined): Outcome {
  if (!checkpoint) return fail('consistency not checked: the checkpoint note is malformed');
  const oldSize = checkpoint.treeSize;
  const newSize = BigInt(bundle.anchor.treeSize);
  const anchorRoot = fromHex(bundle.anchor.root);
  const proof = bundle.consistencyProof.map(fromHex);
  if (newSize < oldSize) {
    return fail(`anchor tree size ${newSize} is smaller than the checkpoint tree size ${oldSize}`);
  }
  if (newSize === oldSize) {
    if (proof.length !== 0) return fail(`consistency proof must be empty when the checkpoint is the anchored tree size ${newSize}`);
    if (!equalBytes(anchorRoot, checkpoint.root)) {
      return fail(`anchor root differs from the checkpoint root at the same tree size ${newSize}`);
    }
    return pass(`checkpoint is the anchored tree head itself (tree size ${newSize})`);
  }
  if (oldSize === 0n) return fail('an empty checkpoint cannot be proven consistent with the anchor');
  if (!verifyConsistency(oldSize, newSize, checkpoint.root, anchorRoot, proof)) {
    return fail(`consistency proof does not lead from the checkpoint root (tree size ${oldSize}) to the anchor root (tree size ${newSize})`);
  }
  return pass(`checkpoint tree size ${oldSize} is a prefix of the anchored tree size ${newSize}`);
}

async function checkChain(bundle: ProofBundle, chain: AnchorReader): Promise<BundleCheck> {
  const { chainId, contract, txHash, blockNumber, treeSize, root } = bundle.anchor;
  const where = `contract ${contract} on chain ${chainId}`;
  const result = (o: Outcome): BundleCheck => ({ check: 'chain', ...o });
  try {
    const size = BigInt(treeSize);
    const expectedRoot = fromHex(root);
    const actualChain = await chain.chainId();
    if (actualChain !== BigInt(chainId)) {
      return result(fail(`the RPC serves chain ${actualChain}, but the bundle was anchored on chain ${chainId}`));
    }
    const held = await chain.rootAt(contract, size);
    if (held === null || held.every((b) => b === 0)) {
      return result(fail(`${where} has no root anchored for tree size ${treeSize}`));
    }
    if (!equalBytes(held, expectedRoot)) return result(fail(`${where} holds a different root for tree size ${treeSize}`));
    const anchored = await chain.anchorTransaction(contract, txHash);
    if (anchored === null) {
      return result(fail(`transaction ${txHash} is not a successful CheckpointAnchored transaction of ${where}`));
    }
    if (anchored.blockNumber !== BigInt(blockNumber)) {
      return result(fail(`transaction ${txHash} is in block ${anchored.blockNumber}, not block ${blockNumber}`));
    }
    if (anchored.treeSize !== size) {
      return result(fail(`transaction ${txHash} anchored tree size ${anchored.treeSize}, not ${treeSize}`));
    }
    if (!equalBytes(anchored.root, expectedRoot)) {
      return result(fail(`transaction ${txHash} anchored a different root for tree size ${treeSize}`));
    }
    return result(pass(`${where} holds the root of tree size ${treeSize}, anchored by transaction ${txHash} in block ${blockNumber}`));
  } catch (e) {
    return result(fail(`could not read ${where}: ${oneLine(e)}`));
  }
}

function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0];
}
