import { BUNDLE_FORMAT, BundleFormatError, parseBundle, type ProofBundle } from './bundle.js';

const H = (c: string) => c.repeat(64);

// Structurally valid; the cryptography is bundle-verify.spec.ts's business.
function valid(): ProofBundle {
  return {
    format: BUNDLE_FORMAT,
    entry: { seq: 42, canonical: '{"seq":42}', salt: H('a') },
    leafIndex: 42,
    leafHash: H('b'),
    checkpoint: { note: 'sigillo.test\n100\nroot\n\n\u2014 sig\n', verifierKey: 'sigillo.test+00000000+AQ==' },
    inclusionProof: [H('c'), H('d')],
    anchor: {
      chainId: 31337,
      contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
      txHash: `0x${H('e')}`,
      blockNumber: 17,
      treeSize: 128,
      root: H('f'),
    },
    consistencyProof: [H('1')],
  };
}

function errorOf(json: unknown): BundleFormatError {
  try {
    parseBundle(json);
  } catch (e) {
    expect(e).toBeInstanceOf(BundleFormatError);
    return e as BundleFormatError;
  }
  throw new Error('parseBundle accepted the input');
}

function mutated(mutate: (b: any) => void): unknown {
  const b = valid();
  mutate(b);
  return b;
}

describe('parseBundle', () => {
  it('accepts a valid bundle and returns an equal, independent copy', () => {
    const input = valid();
    const parsed = parseBundle(input);
    expect(parsed).toEqual(input);
    expect(parsed).not.toBe(input);
    expect(parsed.inclusionProof).not.toBe(input.inclusionProof);
  });

  it('accepts empty proofs, zero indices and lower-case EVM values', () => {
    const parsed = parseBundle(
      mutated((b) => {
        b.inclusionProof = [];
        b.consistencyProof = [];
        b.leafIndex = 0;
        b.entry.seq = 0;
        b.anchor.blockNumber = 0;
        b.anchor.contract = b.anchor.contract.toLowerCase();
      }),
    );
    expect(parsed.inclusionProof).toEqual([]);
    expect(parsed.anchor.contract).toBe('0x5fbdb2315678afecb367f032d93f642f64180aa3');
  });

  it('accepts proofs of 64 hashes', () => {
    expect(parseBundle(mutated((b) => (b.inclusionProof = Array(64).fill(H('c'))))).inclusionProof).toHaveLength(64);
  });

  it('names the field and the problem in the message', () => {
    const e = errorOf(mutated((b) => (b.inclusionProof[1] = 'nope')));
    expect(e.field).toBe('inclusionProof[1]');
    expect(e.problem).toBe('not a 32-byte hex hash (64 lower-case hex digits, no 0x), got "nope"');
    expect(e.message).toBe('inclusionProof[1]: not a 32-byte hex hash (64 lower-case hex digits, no 0x), got "nope"');
    expect(e.name).toBe('BundleFormatError');
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'bundle: not a JSON object (got null)'],
    ['an array', [], 'bundle: not a JSON object (got an array)'],
    ['a string', 'x', 'bundle: not a JSON object (got "x")'],
    ['undefined', undefined, 'bundle: missing'],
  ])('rejects %s as a bundle', (_, json, message) => {
    expect(errorOf(json).message).toBe(message);
  });

  it.each<[string, (b: any) => void, string | RegExp]>([
    ['a wrong format', (b) => (b.format = 'sigillo.proof-bundle.v2'), 'format: expected "sigillo.proof-bundle.v1", got "sigillo.proof-bundle.v2"'],
    ['a missing format', (b) => delete b.format, 'format: missing'],
    ['an unknown top-level field', (b) => (b.extra = 1), 'extra: unknown field'],
    ['an unknown nested field', (b) => (b.anchor.gas = 1), 'anchor.gas: unknown field'],
    ['a missing entry', (b) => delete b.entry, 'entry: missing'],
    ['an entry that is an array', (b) => (b.entry = []), 'entry: not a JSON object (got an array)'],
    ['a missing entry.seq', (b) => delete b.entry.seq, 'entry.seq: missing'],
    ['a string seq', (b) => (b.entry.seq = '42'), 'entry.seq: not a non-negative integer (got "42")'],
    ['a negative seq', (b) => (b.entry.seq = -1), 'entry.seq: not a non-negative integer (got -1)'],
    ['a fractional seq', (b) => (b.entry.seq = 4.2), 'entry.seq: not a non-negative integer (got 4.2)'],
    ['an unsafe integer', (b) => (b.entry.seq = 2 ** 53), 'entry.seq: not a non-negative integer (got 9007199254740992)'],
    ['a non-string canonical', (b) => (b.entry.canonical = { seq: 42 }), 'entry.canonical: not a string (got an object)'],
    ['an empty canonical', (b) => (b.entry.canonical = ''), 'entry.canonical: empty'],
    ['a huge canonical', (b) => (b.entry.canonical = 'x'.repeat((1 << 20) + 1)), 'entry.canonical: longer than 1048576 characters'],
    ['a short salt', (b) => (b.entry.salt = 'ab'), 'entry.salt: not a 32-byte hex salt (64 lower-case hex digits, no 0x), got "ab"'],
    ['a 0x salt', (b) => (b.entry.salt = `0x${H('a')}`), /^entry\.salt: not a 32-byte hex salt/],
    ['a null leafIndex', (b) => (b.leafIndex = null), 'leafIndex: not a non-negative integer (got null)'],
    ['an upper-case leafHash', (b) => (b.leafHash = H('B')), /^leafHash: not a 32-byte hex hash \(64 lower-case hex digits, no 0x\), got "BBB/],
    ['a 0x leafHash', (b) => (b.leafHash = `0x${H('b')}`), /^leafHash: not a 32-byte hex hash/],
    ['a missing checkpoint', (b) => delete b.checkpoint, 'checkpoint: missing'],
    ['a missing note', (b) => delete b.checkpoint.note, 'checkpoint.note: missing'],
    ['a numeric verifier key', (b) => (b.checkpoint.verifierKey = 5), 'checkpoint.verifierKey: not a string (got 5)'],
    ['a non-array inclusion proof', (b) => (b.inclusionProof = H('c')), `inclusionProof: not an array (got "${H('c')}")`],
    ['a long non-array value, shortened', (b) => (b.inclusionProof = 'c'.repeat(100)), `inclusionProof: not an array (got "${'c'.repeat(77)}...")`],
    ['a missing inclusion proof', (b) => delete b.inclusionProof, 'inclusionProof: missing'],
    ['a short inclusion hash', (b) => (b.inclusionProof[0] = H('c').slice(2)), /^inclusionProof\[0\]: not a 32-byte hex hash/],
    ['a numeric inclusion hash', (b) => (b.inclusionProof[1] = 3), 'inclusionProof[1]: not a 32-byte hex hash (64 lower-case hex digits, no 0x), got 3'],
    ['a too-long inclusion proof', (b) => (b.inclusionProof = Array(65).fill(H('c'))), 'inclusionProof: has 65 hashes, more than 64'],
    ['a bad consistency hash', (b) => (b.consistencyProof = [H('1'), H('g')]), /^consistencyProof\[1\]: not a 32-byte hex hash/],
    ['a missing consistency proof', (b) => delete b.consistencyProof, 'consistencyProof: missing'],
    ['a null anchor', (b) => (b.anchor = null), 'anchor: not a JSON object (got null)'],
    ['a zero chain id', (b) => (b.anchor.chainId = 0), 'anchor.chainId: must be positive'],
    ['a hex chain id', (b) => (b.anchor.chainId = '0x7a69'), 'anchor.chainId: not a non-negative integer (got "0x7a69")'],
    ['a short contract', (b) => (b.anchor.contract = '0x1234'), 'anchor.contract: not a 0x-prefixed 20-byte address, got "0x1234"'],
    ['an unprefixed contract', (b) => (b.anchor.contract = '5FbDB2315678afecb367f032d93F642f64180aa3'), /^anchor\.contract: not a 0x-prefixed/],
    ['an unprefixed tx hash', (b) => (b.anchor.txHash = H('e')), /^anchor\.txHash: not a 0x-prefixed 32-byte transaction hash/],
    ['a string block number', (b) => (b.anchor.blockNumber = '17'), 'anchor.blockNumber: not a non-negative integer (got "17")'],
    ['a bigint-like tree size', (b) => (b.anchor.treeSize = 1e21), 'anchor.treeSize: not a non-negative integer (got 1e+21)'],
    ['a missing anchor root', (b) => delete b.anchor.root, 'anchor.root: missing'],
    ['a 0x anchor root', (b) => (b.anchor.root = `0x${H('f')}`), /^anchor\.root: not a 32-byte hex hash/],
  ])('rejects %s', (_, mutate, message) => {
    const e = errorOf(mutated(mutate));
    if (typeof message === 'string') expect(e.message).toBe(message);
    else expect(e.message).toMatch(message);
  });

  it('does not read inherited properties', () => {
    const proto = valid();
    const obj = Object.create(proto);
    expect(errorOf(obj).message).toBe('format: missing');
  });
});
