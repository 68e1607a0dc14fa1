import canonicalize from 'canonicalize';
import {
  BUNDLE_FORMAT,
  type ProofBundle,
  verifyBundle,
  type AnchorReader,
  toHex,
  generateSignerKey,
  signCheckpoint,
  commitmentLeafHash,
  sha256,
  consistencyProof,
  inclusionProof,
  rootHash,
  storyFromBundles,
  EVENT_RECEIVED,
  MESSAGE_STATUS,
  NOTIFICATION_DECIDED,
  storyLine,
} from '#sigillo/ledger/core';
import { auditBundleText, type AuditReport } from './audit.js';

const ORIGIN = 'sigillo.test';
const KEYS = generateSignerKey(ORIGIN);
const CONTRACT = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
const TX = `0x${'ab'.repeat(32)}`;
const CHECKS = ['entry', 'schema', 'leaf', 'checkpoint-signature', 'inclusion', 'consistency', 'chain'];

const bodies = [
  { ...EVENT_RECEIVED.example, eventId: 'e1' },
  { ...NOTIFICATION_DECIDED.example, eventId: 'e1', template: { name: 'promo', language: 'it', category: 'MARKETING', status: 'APPROVED' } },
  { ...MESSAGE_STATUS.example, wamid: 'wamid.X', status: 'failed', statusObject: { status: 'failed', errors: [{ code: 131050 }] } },
];
const types = ['event.received', 'notification.decided', 'message.status'];
const entries = Array.from({ length: 12 }, (_, seq) => {
  const canonical = canonicalize({
    seq,
    type: types[seq % 3],
    occurredAt: `2026-01-02T03:04:${String(seq).padStart(2, '0')}.000Z`,
    recordedAt: '2026-01-02T03:05:00.000Z',
    body: bodies[seq % 3],
  }) as string;
  const salt = sha256(Uint8Array.of(seq));
  return { seq, canonical, salt, leaf: commitmentLeafHash(salt, canonical) };
});
const leaves = entries.map((e) => e.leaf);
const root = (size: number) => rootHash(leaves.slice(0, size));

function bundle(seq: number, checkpointSize = 9, anchorSize = 12): ProofBundle {
  const e = entries[seq];
  return {
    format: BUNDLE_FORMAT,
    entry: { seq, canonical: e.canonical, salt: toHex(e.salt) },
    leafIndex: seq,
    leafHash: toHex(e.leaf),
    checkpoint: {
      note: signCheckpoint({ origin: ORIGIN, treeSize: BigInt(checkpointSize), root: root(checkpointSize) }, KEYS.signerKey),
      verifierKey: KEYS.verifierKey,
    },
    inclusionProof: inclusionProof(seq, leaves.slice(0, checkpointSize)).map(toHex),
    anchor: { chainId: 31337, contract: CONTRACT, txHash: TX, blockNumber: 17, treeSize: anchorSize, root: toHex(root(anchorSize)) },
    consistencyProof: anchorSize === checkpointSize ? [] : consistencyProof(checkpointSize, leaves.slice(0, anchorSize)).map(toHex),
  };
}

const chain: AnchorReader = {
  chainId: async () => 31337n,
  rootAt: async (contract, size) => (contract === CONTRACT && size === 12n ? root(12) : null),
  anchorTransaction: async (contract, tx) => (contract === CONTRACT && tx === TX ? { blockNumber: 17n, treeSize: 12n, root: root(12) } : null),
};
const connected: string[] = [];
const deps = {
  connect: (url: string) => {
    connected.push(url);
    return chain;
  },
};

async function report(input: unknown, opts: { rpcUrl?: string; verifierKey?: string } = {}): Promise<AuditReport> {
  const outcome = await auditBundleText({ text: JSON.stringify(input), rpcUrl: opts.rpcUrl ?? 'http://rpc.test', verifierKey: opts.verifierKey ?? '' }, deps);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.report;
}

async function errorOf(text: string, opts: { rpcUrl?: string; verifierKey?: string } = {}): Promise<string> {
  const outcome = await auditBundleText({ text, rpcUrl: opts.rpcUrl ?? 'http://rpc.test', verifierKey: opts.verifierKey ?? '' });
  if (outcome.ok) throw new Error('expected an input error');
  return outcome.error;
}

describe('auditBundleText', () => {
  it('reaches the verdict and messages of the library (and so of the CLI) on a v1 bundle', async () => {
    const b = bundle(4);
    const r = await report(b, { rpcUrl: ' http://rpc.test ' });
    expect(connected.at(-1)).toBe('http://rpc.test');
    expect(r.ok).toBe(true);
    expect(r.entries).toHaveLength(1);
    expect(r.entries[0].checks).toEqual(await verifyBundle(b, { chain }));
    expect(r.summary).toBe(
      `OK entry 4 (notification.decided) is in checkpoint 9 of ${ORIGIN}, anchored at tree size 12 in block 17 tx ${TX} on chain 31337, contract ${CONTRACT}`,
    );
    expect(r.key.source).toBe('bundle');
    expect(r.checkpoint).toEqual({ origin: ORIGIN, treeSize: 9n });
    expect(r.entries[0]).toMatchObject({
      seq: 4,
      time: '2026-01-02T03:04:04.000Z',
      type: 'notification.decided',
      facts: 'SKIP NO_MARKETING_CONSENT  promo/it',
      line: storyLine(b),
    });
  });

  it('names the failing check of a tampered bundle, as the library does', async () => {
    const b = bundle(5);
    b.entry.salt = (b.entry.salt[0] === '0' ? '1' : '0') + b.entry.salt.slice(1);
    const r = await report(b);
    expect(r.ok).toBe(false);
    expect(r.entries[0].checks).toEqual(await verifyBundle(b, { chain }));
    expect(r.entries[0].checks.filter((c) => !c.ok).map((c) => c.check)).toEqual(['leaf']);
    expect(r.summary).toBe('NOT VERIFIED: the entry failed (leaf)');
  });

  it('checks a story entry by entry, the shared chain check belonging to every entry, with the CLI timeline facts', async () => {
    const story = storyFromBundles(
      { kind: 'message', id: 'wamid.X' },
      [3, 4, 5].map((s) => bundle(s)),
    );
    const pinned = await report(story, { verifierKey: KEYS.verifierKey });
    expect(pinned.ok).toBe(true);
    expect(pinned.kind).toBe('story');
    expect(pinned.key.source).toBe('auditor');
    expect(pinned.summary).toMatch(/^OK 3 entries of message wamid\.X are in checkpoint 9 of sigillo\.test, anchored at tree size 12/);
    expect(pinned.entries.map((e) => [e.seq, e.type, e.facts])).toEqual([
      [3, 'event.received', 'order.status_changed'],
      [4, 'notification.decided', 'SKIP NO_MARKETING_CONSENT  promo/it'],
      [5, 'message.status', 'failed  wamid.X'],
    ]);
    for (const e of pinned.entries) expect(e.checks.map((c) => [c.check, c.ok])).toEqual(CHECKS.map((c) => [c, true]));

    // An anchor the chain does not hold: every entry fails on chain, not only the first.
    const moved = structuredClone(story);
    moved.anchor.blockNumber = 18;
    const r = await report(moved);
    expect(r.entries.map((e) => e.ok)).toEqual([false, false, false]);
    for (const e of r.entries) expect(e.checks.filter((c) => !c.ok).map((c) => c.message)).toEqual([`transaction ${TX} is in block 17, not block 18`]);
    expect(r.summary).toBe('NOT VERIFIED: 3 of 3 entries failed (chain)');
  });

  it('without an RPC URL runs the offline checks and reports the chain as not checked: not verified', async () => {
    const r = await report(bundle(2, 12, 12), { rpcUrl: '' });
    expect(r.rpcUrl).toBeNull();
    expect(r.ok).toBe(false);
    expect(r.entries[0].checks.filter((c) => !c.ok)).toEqual([
      { check: 'chain', ok: false, message: 'chain not checked: no RPC URL given, so nothing ties this checkpoint to the anchor on chain' },
    ]);
  });

  it('turns unusable input into one clear message, never an exception', async () => {
    expect(await errorOf('  ')).toBe('Paste a proof bundle (JSON) or drop a bundle file first.');
    expect(await errorOf('{"format":')).toMatch(/^The input is not JSON: /);
    expect(await errorOf('null')).toBe('This is not a valid proof bundle: bundle: not a JSON object (got null)');
    expect(await errorOf(JSON.stringify({ ...bundle(1), extra: 1 }))).toBe('This is not a valid proof bundle: extra: unknown field');
    expect(await errorOf(JSON.stringify({ format: 'sigillo.story-bundle.v1' }))).toBe(
      'This is not a valid proof bundle: subject: must be { kind: "message" | "event", id: string }',
    );
    expect(await errorOf(JSON.stringify(bundle(1)), { verifierKey: 'sigillo.test+00000000+AAAA' })).toMatch(/^The verifier key is not usable: verifier key: /);
    expect(await errorOf(JSON.stringify(bundle(1)), { rpcUrl: 'localhost:8545' })).toBe(
      'The RPC URL is not usable: chain RPC URL "localhost:8545" must be http:// or https://',
    );
  });

  it('reports a chain that cannot be read as a failed chain check, saying why', async () => {
    const down: AnchorReader = { ...chain, chainId: async () => Promise.reject(new Error('chain RPC http://rpc.test is unreachable (ECONNREFUSED)')) };
    const outcome = await auditBundleText({ text: JSON.stringify(bundle(1)), rpcUrl: 'http://rpc.test', verifierKey: '' }, { connect: () => down });
    expect(outcome.ok && outcome.report.chain).toEqual({
      check: 'chain',
      ok: false,
      message: `could not read contract ${CONTRACT} on chain 31337: chain RPC http://rpc.test is unreachable (ECONNREFUSED)`,
    });
  });
});
