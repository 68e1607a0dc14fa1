import canonicalize from 'canonicalize';
import { BUNDLE_FORMAT, parseBundle, type ProofBundle } from './bundle.js';
import { bundleVerified, verifyBundle, verifyBundleOffline, type AnchorReader, type BundleCheck } from './bundle-verify.js';
import { fromHex, toHex } from './bytes.js';
import { generateSignerKey, keyLabel, parseVerifierKey, signCheckpoint, signNote } from './checkpoint.js';
import { commitmentLeafHash } from './entry.js';
import { MESSAGE_SUBMITTED } from './entries/message-submitted.js';
import { sha256 } from './hash.js';
import { consistencyProof, inclusionProof, rootHash } from './merkle.js';

const ORIGIN = 'sigillo.test';
const KEYS = generateSignerKey(ORIGIN);
const CHAIN_ID = 31337;
const CONTRACT = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
const TX_HASH = `0x${'ab'.repeat(32)}`;
const BLOCK = 17;

// A real 130-leaf log: checkpoint at 100, anchored at 128.
const entries = Array.from({ length: 130 }, (_, seq) => {
  const canonical = canonicalize({
    seq,
    type: 'message.submitted',
    occurredAt: '2025-01-02T03:04:05.000Z',
    recordedAt: '2025-01-02T03:04:06.000Z',
    body: { ...MESSAGE_SUBMITTED.example, to: `+3900000${seq}`, wamid: seq === 7 ? 7 : `wamid.${seq}` },
  }) as string;
  const salt = sha256(Uint8Array.of(seq));
  return { seq, canonical, salt, leaf: commitmentLeafHash(salt, canonical) };
});
const leaves = entries.map((e) => e.leaf);
const root = (size: number) => rootHash(leaves.slice(0, size));

function makeBundle(seq = 42, checkpointSize = 100, anchorSize = 128): ProofBundle {
  const e = entries[seq];
  const note = signCheckpoint({ origin: ORIGIN, treeSize: BigInt(checkpointSize), root: root(checkpointSize) }, KEYS.signerKey);
  return {
    format: BUNDLE_FORMAT,
    entry: { seq, canonical: e.canonical, salt: toHex(e.salt) },
    leafIndex: seq,
    leafHash: toHex(e.leaf),
    checkpoint: { note, verifierKey: KEYS.verifierKey },
    inclusionProof: inclusionProof(seq, leaves.slice(0, checkpointSize)).map(toHex),
    anchor: { chainId: CHAIN_ID, contract: CONTRACT, txHash: TX_HASH, blockNumber: BLOCK, treeSize: anchorSize, root: toHex(root(anchorSize)) },
    consistencyProof: anchorSize === checkpointSize ? [] : consistencyProof(checkpointSize, leaves.slice(0, anchorSize)).map(toHex),
  };
}

// The chain as the contract would show it: tree size 128 anchored in block 17.
function fakeChain(overrides: Partial<AnchorReader> = {}): AnchorReader {
  return {
    chainId: async () => BigInt(CHAIN_ID),
    rootAt: async (contract, size) => (contract.toLowerCase() === CONTRACT && size === 128n ? root(128) : null),
    anchorTransaction: async (contract, txHash) =>
      contract.toLowerCase() === CONTRACT && txHash === TX_HASH ? { blockNumber: BigInt(BLOCK), treeSize: 128n, root: root(128) } : null,
    ...overrides,
  };
}

const failed = (checks: BundleCheck[]) => checks.filter((c) => !c.ok).map((c) => c.check);
const messageOf = (checks: BundleCheck[], name: string) => checks.find((c) => c.check === name)?.message;
const flipHex = (hex: string, i: number) => hex.slice(0, i) + (hex[i] === '0' ? '1' : '0') + hex.slice(i + 1);
const clone = (b: ProofBundle): ProofBundle => structuredClone(b);

async function verify(bundle: ProofBundle, opts: { verifierKey?: string; chain?: AnchorReader } = {}) {
  return verifyBundle(bundle, { chain: fakeChain(), ...opts });
}

describe('the schema check', () => {
  // Entry 7 was logged (salted, in the tree, signed and anchored) with a number for its wamid.
  it('fails an entry whose body breaks its type, naming the field, while every other check passes', async () => {
    const checks = await verify(makeBundle(7));
    expect(failed(checks)).toEqual(['schema']);
    expect(messageOf(checks, 'schema')).toBe('entry 7 does not match the schema of message.submitted v1: /body/wamid must be string');
  });

  it('passes a conforming entry, naming its type and version', async () => {
    expect(messageOf(await verify(makeBundle()), 'schema')).toBe('entry 42 matches the schema of message.submitted v1');
  });
});

describe('verifyBundle on a genuine bundle', () => {
  it('passes every check, in order, with one-line messages', async () => {
    const checks = await verify(makeBundle());
    expect(checks.map((c) => c.check)).toEqual(['entry', 'schema', 'leaf', 'checkpoint-signature', 'inclusion', 'consistency', 'chain']);
    expect(failed(checks)).toEqual([]);
    expect(bundleVerified(checks)).toBe(true);
    for (const c of checks) expect(c.message).not.toMatch(/\n/);
    expect(messageOf(checks, 'entry')).toBe('entry 42 (message.submitted) is canonical JSON recorded at leaf index 42');
    expect(messageOf(checks, 'checkpoint-signature')).toBe(
      `checkpoint 100 of ${ORIGIN} is signed by ${keyLabel(parseVerifierKey(KEYS.verifierKey))} (the key given in the bundle)`,
    );
    expect(messageOf(checks, 'inclusion')).toBe('leaf 42 is in the checkpoint tree of size 100');
    expect(messageOf(checks, 'consistency')).toBe('checkpoint tree size 100 is a prefix of the anchored tree size 128');
    expect(messageOf(checks, 'chain')).toBe(
      `contract ${CONTRACT} on chain 31337 holds the root of tree size 128, anchored by transaction ${TX_HASH} in block 17`,
    );
  });

  it('survives a JSON round trip through parseBundle', async () => {
    const bundle = parseBundle(JSON.parse(JSON.stringify(makeBundle())));
    expect(bundleVerified(await verify(bundle))).toBe(true);
  });

  it.each([
    [0, 100, 128],
    [99, 100, 128],
    [127, 128, 128],
    [0, 1, 1],
    [0, 1, 128],
    [63, 64, 128],
    [64, 65, 128],
  ])('verifies leaf %i in checkpoint %i anchored at %i', async (seq, cp, anchor) => {
    const chain = fakeChain({
      rootAt: async (_, size) => root(Number(size)),
      anchorTransaction: async () => ({ blockNumber: BigInt(BLOCK), treeSize: BigInt(anchor), root: root(anchor) }),
    });
    expect(failed(await verify(makeBundle(seq, cp, anchor), { chain }))).toEqual([]);
  });

  it('accepts the auditor-pinned key and says so', async () => {
    const checks = await verify(makeBundle(), { verifierKey: KEYS.verifierKey });
    expect(messageOf(checks, 'checkpoint-signature')).toMatch(/\(the key given by the auditor\)$/);
  });

  it('needs no network without a chain reader, and then reports no chain check', async () => {
    const checks = await verifyBundle(makeBundle(), {});
    expect(checks.map((c) => c.check)).not.toContain('chain');
    expect(failed(checks)).toEqual([]);
    expect(verifyBundleOffline(makeBundle())).toEqual(checks);
  });

  it('accepts a checksummed contract address', async () => {
    const bundle = makeBundle();
    bundle.anchor.contract = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    expect(failed(await verify(bundle))).toEqual([]);
  });
});

describe('verifyBundle on a tampered entry', () => {
  it('fails entry and leaf when the canonical text is not canonical', async () => {
    const bundle = makeBundle();
    bundle.entry.canonical = bundle.entry.canonical.replace('{"body"', '{ "body"');
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['entry', 'leaf']);
    expect(messageOf(checks, 'entry')).toBe('entry.canonical is not RFC 8785 canonical JSON');
  });

  it('fails entry when the canonical text is not JSON', async () => {
    const bundle = makeBundle();
    bundle.entry.canonical = bundle.entry.canonical.slice(0, -1);
    expect(messageOf(await verify(bundle), 'entry')).toBe('entry.canonical is not JSON');
  });

  it('fails entry on duplicate keys (they do not survive canonicalisation)', async () => {
    const bundle = makeBundle();
    bundle.entry.canonical = bundle.entry.canonical.replace('{"body"', '{"body":1,"body"');
    expect(messageOf(await verify(bundle), 'entry')).toBe('entry.canonical is not RFC 8785 canonical JSON');
  });

  it('fails entry on text canonicalize refuses', async () => {
    const bundle = makeBundle();
    bundle.entry.canonical = '"\\ud800"';
    expect(messageOf(await verify(bundle), 'entry')).toBe('entry.canonical cannot be canonicalised: Lone surrogate is not allowed');
  });

  it('fails entry when canonical JSON is not an object', async () => {
    const bundle = makeBundle();
    bundle.entry.canonical = '[42]';
    expect(messageOf(await verify(bundle), 'entry')).toBe('entry.canonical is not a JSON object');
  });

  it('fails entry without a type', async () => {
    const bundle = makeBundle();
    bundle.entry.canonical = canonicalize({ seq: 42 }) as string;
    expect(messageOf(await verify(bundle), 'entry')).toBe('entry.canonical has no type');
  });

  it('fails only the leaf when a canonical value changes', async () => {
    const bundle = makeBundle();
    bundle.entry.canonical = bundle.entry.canonical.replace('order_shipped', 'order_shipper');
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['leaf']);
    expect(messageOf(checks, 'leaf')).toMatch(/^leaf hash of the entry is [0-9a-f]{64}, not the bundle's leafHash [0-9a-f]{64}$/);
  });

  it('fails entry when the canonical seq differs from entry.seq', async () => {
    const bundle = makeBundle();
    bundle.entry.canonical = entries[43].canonical;
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['entry', 'leaf']);
    expect(messageOf(checks, 'entry')).toBe('entry.canonical has seq 43 but entry.seq is 42');
  });

  it('fails entry when entry.seq differs from the leaf index', async () => {
    const bundle = makeBundle();
    bundle.entry.seq = 43;
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['entry']);
    expect(messageOf(checks, 'entry')).toBe('entry.canonical has seq 42 but entry.seq is 43');
  });

  it('fails entry and inclusion when the leaf index changes', async () => {
    const bundle = makeBundle();
    bundle.leafIndex = 43;
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['entry', 'inclusion']);
    expect(messageOf(checks, 'entry')).toBe('entry seq 42 is not the leaf index 43');
    expect(messageOf(checks, 'inclusion')).toBe('inclusion proof does not lead to the checkpoint root');
  });

  it('fails only the leaf for every changed hex digit of the salt', async () => {
    for (let i = 0; i < 64; i++) {
      const bundle = makeBundle();
      bundle.entry.salt = flipHex(bundle.entry.salt, i);
      expect(failed(verifyBundleOffline(bundle))).toEqual(['leaf']);
    }
  });

  it('fails leaf and inclusion for every changed hex digit of the leaf hash', async () => {
    for (let i = 0; i < 64; i++) {
      const bundle = makeBundle();
      bundle.leafHash = flipHex(bundle.leafHash, i);
      expect(failed(verifyBundleOffline(bundle))).toEqual(['leaf', 'inclusion']);
    }
  });

  it('fails only inclusion for a self-consistent substitute entry', async () => {
    const bundle = makeBundle();
    const other = entries[129];
    const canonical = other.canonical.replace('"seq":129', '"seq":42');
    bundle.entry.canonical = canonical;
    bundle.leafHash = toHex(commitmentLeafHash(other.salt, canonical));
    bundle.entry.salt = toHex(other.salt);
    expect(failed(await verify(bundle))).toEqual(['inclusion']);
  });
});

describe('verifyBundle on a tampered checkpoint', () => {
  it('fails the signature for every changed character of the note body', async () => {
    const bundle = makeBundle();
    const note = bundle.checkpoint.note;
    const bodyLength = note.indexOf('\n\n');
    for (let i = 0; i < bodyLength; i++) {
      if (note[i] === '\n') continue;
      const copy = clone(bundle);
      copy.checkpoint.note = note.slice(0, i) + (note[i] === 'A' ? 'B' : 'A') + note.slice(i + 1);
      expect(failed(verifyBundleOffline(copy))).toContain('checkpoint-signature');
    }
  });

  it('fails only the signature when the checkpoint is re-signed by another key', async () => {
    const bundle = makeBundle();
    const mallory = generateSignerKey(ORIGIN);
    bundle.checkpoint.note = signNote(bundle.checkpoint.note.split('\n\n')[0] + '\n', mallory.signerKey);
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['checkpoint-signature']);
    expect(messageOf(checks, 'checkpoint-signature')).toBe(`checkpoint has no signature by key ${keyLabel(parseVerifierKey(KEYS.verifierKey))}`);
  });

  it('trusts the auditor-pinned key over the key in the bundle', async () => {
    const bundle = makeBundle();
    const mallory = generateSignerKey(ORIGIN);
    bundle.checkpoint.note = signNote(bundle.checkpoint.note.split('\n\n')[0] + '\n', mallory.signerKey);
    bundle.checkpoint.verifierKey = mallory.verifierKey;
    expect(failed(await verify(bundle))).toEqual([]);
    const pinned = await verify(bundle, { verifierKey: KEYS.verifierKey });
    expect(failed(pinned)).toEqual(['checkpoint-signature']);
  });

  it('fails the signature for a changed signature byte', async () => {
    const bundle = makeBundle();
    const note = bundle.checkpoint.note;
    const at = note.length - 10;
    bundle.checkpoint.note = note.slice(0, at) + (note[at] === 'A' ? 'B' : 'A') + note.slice(at + 1);
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['checkpoint-signature']);
    expect(messageOf(checks, 'checkpoint-signature')).toBe(`checkpoint signature does not verify with key ${keyLabel(parseVerifierKey(KEYS.verifierKey))}`);
  });

  it('fails the signature with a key for another origin', async () => {
    const bundle = makeBundle();
    bundle.checkpoint.verifierKey = generateSignerKey('elsewhere').verifierKey;
    expect(messageOf(await verify(bundle), 'checkpoint-signature')).toMatch(/^checkpoint origin "sigillo.test" is not the name of key elsewhere\+/);
  });

  it('fails the signature with a malformed key', async () => {
    const bundle = makeBundle();
    bundle.checkpoint.verifierKey = 'nonsense';
    expect(messageOf(await verify(bundle), 'checkpoint-signature')).toBe('verifier key: expected <name>+<key id>+<key>');
  });

  it('fails signature, inclusion and consistency for a malformed note', async () => {
    const bundle = makeBundle();
    bundle.checkpoint.note = bundle.checkpoint.note.replace('\n\n', '\n');
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['checkpoint-signature', 'inclusion', 'consistency']);
    expect(messageOf(checks, 'checkpoint-signature')).toBe('checkpoint note is malformed: note has no blank line between the text and the signatures');
    expect(messageOf(checks, 'inclusion')).toBe('inclusion not checked: the checkpoint note is malformed');
    expect(messageOf(checks, 'consistency')).toBe('consistency not checked: the checkpoint note is malformed');
  });

  it('fails inclusion when the leaf is beyond the checkpoint', async () => {
    const bundle = makeBundle(42, 100, 128);
    const later = makeBundle(110, 128, 128);
    bundle.entry = later.entry;
    bundle.leafIndex = 110;
    bundle.leafHash = later.leafHash;
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['inclusion']);
    expect(messageOf(checks, 'inclusion')).toBe('leaf index 110 is not below the checkpoint tree size 100');
  });
});

describe('verifyBundle on tampered proofs', () => {
  it('fails only inclusion for every changed hex digit of every inclusion proof hash', async () => {
    const bundle = makeBundle();
    bundle.inclusionProof.forEach((hash, k) => {
      for (let i = 0; i < 64; i++) {
        const copy = clone(bundle);
        copy.inclusionProof[k] = flipHex(hash, i);
        expect(failed(verifyBundleOffline(copy))).toEqual(['inclusion']);
      }
    });
  });

  it.each([
    ['a dropped hash', (p: string[]) => p.slice(0, -1)],
    ['an extra hash', (p: string[]) => [...p, p[0]]],
    ['swapped hashes', (p: string[]) => [p[1], p[0], ...p.slice(2)]],
    ['no hashes', () => []],
  ])('fails only inclusion with %s', async (_, mutate) => {
    const bundle = makeBundle();
    bundle.inclusionProof = mutate(bundle.inclusionProof);
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['inclusion']);
    expect(messageOf(checks, 'inclusion')).toBe('inclusion proof does not lead to the checkpoint root');
  });

  it('fails only consistency for every changed hex digit of every consistency proof hash', async () => {
    const bundle = makeBundle();
    bundle.consistencyProof.forEach((hash, k) => {
      for (let i = 0; i < 64; i++) {
        const copy = clone(bundle);
        copy.consistencyProof[k] = flipHex(hash, i);
        expect(failed(verifyBundleOffline(copy))).toEqual(['consistency']);
      }
    });
  });

  it.each([
    ['a dropped hash', (p: string[]) => p.slice(0, -1)],
    ['an extra hash', (p: string[]) => [...p, p[0]]],
    ['no hashes', () => []],
  ])('fails only consistency with %s', async (_, mutate) => {
    const bundle = makeBundle();
    bundle.consistencyProof = mutate(bundle.consistencyProof);
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['consistency']);
    expect(messageOf(checks, 'consistency')).toBe(
      'consistency proof does not lead from the checkpoint root (tree size 100) to the anchor root (tree size 128)',
    );
  });

  it('requires an empty consistency proof when the checkpoint is the anchored tree head', async () => {
    const bundle = makeBundle(42, 128, 128);
    expect(messageOf(await verify(bundle), 'consistency')).toBe('checkpoint is the anchored tree head itself (tree size 128)');
    bundle.consistencyProof = [toHex(root(1))];
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['consistency']);
    expect(messageOf(checks, 'consistency')).toBe('consistency proof must be empty when the checkpoint is the anchored tree size 128');
  });

  it('requires equal roots when the checkpoint is the anchored tree size', async () => {
    const bundle = makeBundle(42, 128, 128);
    const chain = fakeChain({ rootAt: async () => root(127), anchorTransaction: async () => ({ blockNumber: 17n, treeSize: 128n, root: root(127) }) });
    bundle.anchor.root = toHex(root(127));
    const checks = await verify(bundle, { chain });
    expect(failed(checks)).toEqual(['consistency']);
    expect(messageOf(checks, 'consistency')).toBe('anchor root differs from the checkpoint root at the same tree size 128');
  });

  it('fails consistency when the anchor is older than the checkpoint', async () => {
    const bundle = makeBundle(42, 128, 128);
    bundle.anchor.treeSize = 100;
    bundle.anchor.root = toHex(root(100));
    const chain = fakeChain({ rootAt: async () => root(100), anchorTransaction: async () => ({ blockNumber: 17n, treeSize: 100n, root: root(100) }) });
    const checks = await verify(bundle, { chain });
    expect(failed(checks)).toEqual(['consistency']);
    expect(messageOf(checks, 'consistency')).toBe('anchor tree size 100 is smaller than the checkpoint tree size 128');
  });

  it('fails inclusion and consistency for an empty checkpoint', async () => {
    const bundle = makeBundle();
    bundle.checkpoint.note = signCheckpoint({ origin: ORIGIN, treeSize: 0n, root: rootHash([]) }, KEYS.signerKey);
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['inclusion', 'consistency']);
    expect(messageOf(checks, 'consistency')).toBe('an empty checkpoint cannot be proven consistent with the anchor');
  });
});

describe('verifyBundle on a tampered anchor', () => {
  it('fails consistency and chain for every changed hex digit of the anchor root', async () => {
    for (let i = 0; i < 64; i += 7) {
      const bundle = makeBundle();
      bundle.anchor.root = flipHex(bundle.anchor.root, i);
      const checks = await verify(bundle);
      expect(failed(checks)).toEqual(['consistency', 'chain']);
      expect(messageOf(checks, 'chain')).toBe(`contract ${CONTRACT} on chain 31337 holds a different root for tree size 128`);
    }
  });

  it('fails consistency and chain for another anchored size', async () => {
    const bundle = makeBundle();
    bundle.anchor.treeSize = 129;
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['consistency', 'chain']);
    expect(messageOf(checks, 'chain')).toBe(`contract ${CONTRACT} on chain 31337 has no root anchored for tree size 129`);
  });

  it('fails only the chain for another chain id', async () => {
    const bundle = makeBundle();
    bundle.anchor.chainId = 1;
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['chain']);
    expect(messageOf(checks, 'chain')).toBe('the RPC serves chain 31337, but the bundle was anchored on chain 1');
  });

  it('fails only the chain for another contract', async () => {
    const bundle = makeBundle();
    bundle.anchor.contract = `0x${'11'.repeat(20)}`;
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['chain']);
    expect(messageOf(checks, 'chain')).toBe(`contract 0x${'11'.repeat(20)} on chain 31337 has no root anchored for tree size 128`);
  });

  it('treats a zero root as not anchored', async () => {
    const checks = await verify(makeBundle(), { chain: fakeChain({ rootAt: async () => new Uint8Array(32) }) });
    expect(messageOf(checks, 'chain')).toBe(`contract ${CONTRACT} on chain 31337 has no root anchored for tree size 128`);
  });

  it('fails only the chain for another transaction', async () => {
    const bundle = makeBundle();
    bundle.anchor.txHash = `0x${'cd'.repeat(32)}`;
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['chain']);
    expect(messageOf(checks, 'chain')).toBe(
      `transaction 0x${'cd'.repeat(32)} is not a successful CheckpointAnchored transaction of contract ${CONTRACT} on chain 31337`,
    );
  });

  it('fails only the chain for another block', async () => {
    const bundle = makeBundle();
    bundle.anchor.blockNumber = 18;
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['chain']);
    expect(messageOf(checks, 'chain')).toBe(`transaction ${TX_HASH} is in block 17, not block 18`);
  });

  it('fails the chain when the transaction anchored another size', async () => {
    const chain = fakeChain({ anchorTransaction: async () => ({ blockNumber: 17n, treeSize: 120n, root: root(128) }) });
    expect(messageOf(await verify(makeBundle(), { chain }), 'chain')).toBe(`transaction ${TX_HASH} anchored tree size 120, not 128`);
  });

  it('fails the chain when the transaction anchored another root', async () => {
    const chain = fakeChain({ anchorTransaction: async () => ({ blockNumber: 17n, treeSize: 128n, root: root(127) }) });
    expect(messageOf(await verify(makeBundle(), { chain }), 'chain')).toBe(`transaction ${TX_HASH} anchored a different root for tree size 128`);
  });

  it('turns a chain reader failure into a failed chain check', async () => {
    const chain = fakeChain({
      rootAt: async () => {
        throw new Error('chain RPC http://127.0.0.1:1 is unreachable\nstack');
      },
    });
    const checks = await verify(makeBundle(), { chain });
    expect(failed(checks)).toEqual(['chain']);
    expect(messageOf(checks, 'chain')).toBe(`could not read contract ${CONTRACT} on chain 31337: chain RPC http://127.0.0.1:1 is unreachable`);
  });
});

describe('verifyBundle on objects that bypassed parseBundle', () => {
  it('fails the affected checks instead of throwing', async () => {
    const bundle = makeBundle();
    bundle.leafHash = 'zz';
    bundle.inclusionProof = ['not hex'];
    const checks = await verify(bundle);
    expect(failed(checks)).toEqual(['leaf', 'inclusion']);
    expect(messageOf(checks, 'leaf')).toBe('leaf check could not run: fromHex: not a hex string');
  });

  it('fails the chain check on a bad anchor root instead of throwing', async () => {
    const bundle = makeBundle();
    bundle.anchor.root = 'xyz';
    const checks = await verify(bundle);
    expect(failed(checks)).toContain('chain');
    expect(bundleVerified(checks)).toBe(false);
  });

  it('does not call an empty list of checks verified', () => {
    expect(bundleVerified([])).toBe(false);
  });
});

// Keeps the fixture honest: the proofs in makeBundle are real.
it('builds fixtures whose hashes decode to 32 bytes', () => {
  const b = makeBundle();
  for (const h of [b.leafHash, b.anchor.root, ...b.inclusionProof, ...b.consistencyProof]) expect(fromHex(h)).toHaveLength(32);
});
