// The proof bundle: everything an auditor needs, besides a chain RPC, to check
// that one ledger entry is in a signed checkpoint that is anchored on chain.
// The parser is strict so that a bundle has one meaning: unknown fields,
// upper-case hashes and non-integer numbers are errors, not guesses.

export const BUNDLE_FORMAT = 'sigillo.proof-bundle.v1';

/** Hashes: 64 lower-case hex digits, no 0x. EVM values: 0x-prefixed. Integers: JSON numbers. */
export interface ProofBundle {
  format: typeof BUNDLE_FORMAT;
  entry: {
    seq: number;
    /** RFC 8785 canonical JSON of {seq, type, occurredAt, recordedAt, body}. */
    canonical: string;
    /** 32-byte salt; leaf data = salt || UTF-8(canonical). */
    salt: string;
  };
  leafIndex: number;
  leafHash: string;
  checkpoint: {
    /** Signed checkpoint note (C2SP tlog-checkpoint + signed-note). */
    note: string;
    /** C2SP verifier key of the log, as the log claims it; auditors should pin their own. */
    verifierKey: string;
  };
  /** Inclusion proof of leafIndex in the checkpoint's tree. */
  inclusionProof: string[];
  anchor: {
    chainId: number;
    contract: string;
    txHash: string;
    blockNumber: number;
    treeSize: number;
    root: string;
  };
  /** Consistency proof from the checkpoint's size to anchor.treeSize; [] when they are equal. */
  consistencyProof: string[];
}

/** The message names the offending field, e.g. `inclusionProof[3]: not a 32-byte hex hash`. */
export class BundleFormatError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'BundleFormatError';
  }
}

// A tree of at most 2^64 leaves never needs longer proofs; bounding them bounds the work.
const MAX_PROOF_LENGTH = 64;
// Signed notes are a few hundred bytes; a megabyte is generous and stops abuse.
const MAX_TEXT_LENGTH = 1 << 20;
const HASH = /^[0-9a-f]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const TX_HASH = /^0x[0-9a-fA-F]{64}$/;

type Obj = Record<string, unknown>;

/** Validates untrusted JSON (already JSON.parse'd) as a v1 proof bundle; throws BundleFormatError. */
export function parseBundle(json: unknown): ProofBundle {
  const root = object(json, 'bundle', ['format', 'entry', 'leafIndex', 'leafHash', 'checkpoint', 'inclusionProof', 'anchor', 'consistencyProof']);
  if (root.format !== BUNDLE_FORMAT) {
    throw new BundleFormatError('format', `expected "${BUNDLE_FORMAT}", got ${describe(root.format)}`);
  }
  const entry = object(root.entry, 'entry', ['seq', 'canonical', 'salt']);
  const checkpoint = object(root.checkpoint, 'checkpoint', ['note', 'verifierKey']);
  const anchor = object(root.anchor, 'anchor', ['chainId', 'contract', 'txHash', 'blockNumber', 'treeSize', 'root']);
  const chainId = integer(anchor.chainId, 'anchor.chainId');
  if (chainId === 0) throw new BundleFormatError('anchor.chainId', 'must be positive');
  return {
    format: BUNDLE_FORMAT,
    entry: {
      seq: integer(entry.seq, 'entry.seq'),
      canonical: text(entry.canonical, 'entry.canonical'),
      salt: hash(entry.salt, 'entry.salt', 'not a 32-byte hex salt'),
    },
    leafIndex: integer(root.leafIndex, 'leafIndex'),
    leafHash: hash(root.leafHash, 'leafHash'),
    checkpoint: {
      note: text(checkpoint.note, 'checkpoint.note'),
      verifierKey: text(checkpoint.verifierKey, 'checkpoint.verifierKey'),
    },
    inclusionProof: proof(root.inclusionProof, 'inclusionProof'),
    anchor: {
      chainId,
      contract: matching(anchor.contract, 'anchor.contract', ADDRESS, 'not a 0x-prefixed 20-byte address'),
      txHash: matching(anchor.txHash, 'anchor.txHash', TX_HASH, 'not a 0x-prefixed 32-byte transaction hash'),
      blockNumber: integer(anchor.blockNumber, 'anchor.blockNumber'),
      treeSize: integer(anchor.treeSize, 'anchor.treeSize'),
      root: hash(anchor.root, 'anchor.root'),
    },
    consistencyProof: proof(root.consistencyProof, 'consistencyProof'),
  };
}

function object(value: unknown, field: string, keys: string[]): Obj {
  if (value === undefined) throw new BundleFormatError(field, 'missing');
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BundleFormatError(field, `not a JSON object (got ${describe(value)})`);
  }
  const obj = value as Obj;
  const prefix = field === 'bundle' ? '' : `${field}.`;
  for (const key of Object.keys(obj)) {
    if (!keys.includes(key)) throw new BundleFormatError(`${prefix}${key}`, 'unknown field');
  }
  for (const key of keys) {
    if (!Object.hasOwn(obj, key)) throw new BundleFormatError(`${prefix}${key}`, 'missing');
  }
  return obj;
}

function integer(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new BundleFormatError(field, `not a non-negative integer (got ${describe(value)})`);
  }
  return value;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new BundleFormatError(field, `not a string (got ${describe(value)})`);
  if (value === '') throw new BundleFormatError(field, 'empty');
  if (value.length > MAX_TEXT_LENGTH) throw new BundleFormatError(field, `longer than ${MAX_TEXT_LENGTH} characters`);
  return value;
}

function hash(value: unknown, field: string, problem = 'not a 32-byte hex hash'): string {
  return matching(value, field, HASH, `${problem} (64 lower-case hex digits, no 0x)`);
}

function matching(value: unknown, field: string, pattern: RegExp, problem: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new BundleFormatError(field, `${problem}, got ${describe(value)}`);
  }
  return value;
}

function proof(value: unknown, field: string): string[] {
  if (value === undefined) throw new BundleFormatError(field, 'missing');
  if (!Array.isArray(value)) throw new BundleFormatError(field, `not an array (got ${describe(value)})`);
  if (value.length > MAX_PROOF_LENGTH) {
    throw new BundleFormatError(field, `has ${value.length} hashes, more than ${MAX_PROOF_LENGTH}`);
  }
  return value.map((item, i) => hash(item, `${field}[${i}]`));
}

// Short, single-line rendering of an offending value for error messages.
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
    return JSON.stringify(shown);
  }
  return String(value);
}
