import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import {
  BUNDLE_FORMAT,
  type ProofBundle,
  toHex,
  generateSignerKey,
  signCheckpoint,
  commitmentLeafHash,
  sha256,
  consistencyProof,
  inclusionProof,
  rootHash,
  MESSAGE_SUBMITTED,
  MESSAGE_SUBMITTED_V2,
} from '#sigillo/ledger';
import type { AnchorReader } from '#sigillo/ledger';
import { runCli, type CliIo } from './main.js';
import { createVerifyCommand, type VerifyDeps } from './verify.command.js';

const CONTRACT = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
const TX = `0x${'ab'.repeat(32)}`;
const keys = generateSignerKey('sigillo.test');

// A 10-leaf log, checkpoint at 8, anchored at 10; the bundle proves entry 5. Even entries are
// message.submitted v1 (a number), odd ones v2 (a business-scoped user id), as a log written
// before and after version 2 holds them.
const entries = Array.from({ length: 10 }, (_, seq) => {
  const [type, body] = seq % 2 ? ['message.submitted/v2', MESSAGE_SUBMITTED_V2.example] : ['message.submitted', MESSAGE_SUBMITTED.example];
  const canonical = canonicalize({ seq, type, occurredAt: '2026-07-01T09:30:00.000Z', recordedAt: '2026-07-01T09:30:01.000Z', body }) as string;
  const salt = sha256(Uint8Array.of(seq));
  return { canonical, salt, leaf: commitmentLeafHash(salt, canonical) };
});
const leaves = entries.map((e) => e.leaf);
const bundle: ProofBundle = {
  format: BUNDLE_FORMAT,
  entry: { seq: 5, canonical: entries[5].canonical, salt: toHex(entries[5].salt) },
  leafIndex: 5,
  leafHash: toHex(leaves[5]),
  checkpoint: {
    note: signCheckpoint({ origin: 'sigillo.test', treeSize: 8n, root: rootHash(leaves.slice(0, 8)) }, keys.signerKey),
    verifierKey: keys.verifierKey,
  },
  inclusionProof: inclusionProof(5, leaves.slice(0, 8)).map(toHex),
  anchor: { chainId: 31337, contract: CONTRACT, txHash: TX, blockNumber: 17, treeSize: 10, root: toHex(rootHash(leaves)) },
  consistencyProof: consistencyProof(8, leaves).map(toHex),
};

let destroyed = 0;
const chain: AnchorReader & { destroy(): void } = {
  chainId: async () => 31337n,
  rootAt: async (_, size) => (size === 10n ? rootHash(leaves) : null),
  anchorTransaction: async (_, tx) => (tx === TX ? { blockNumber: 17n, treeSize: 10n, root: rootHash(leaves) } : null),
  destroy: () => void destroyed++,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sigillo-verify-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

// connect: null runs the real ethers reader.
async function run(args: string[], connect: VerifyDeps['connect'] | null = async () => chain) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const command = connect === null ? createVerifyCommand() : createVerifyCommand({ connect });
  const code = await command.run(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('sigillo verify: input errors exit 2 with a sentence', () => {
  const noChain = async (): Promise<never> => {
    throw new Error('must not connect');
  };

  it('reports a missing file', async () => {
    const r = await run([join(dir, 'missing.json'), '--rpc', 'http://x'], noChain);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe(`sigillo verify: cannot read ${join(dir, 'missing.json')}: no such file`);
  });

  it('reports a directory', async () => {
    expect((await run([dir, '--rpc', 'http://x'], noChain)).err).toBe(`sigillo verify: cannot read ${dir}: it is a directory`);
  });

  it('reports a file that is not JSON', async () => {
    const path = file('bad.json', '{"format":');
    const r = await run([path, '--rpc', 'http://x'], noChain);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^sigillo verify: ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not JSON: `));
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('reports a malformed bundle with the field', async () => {
    const broken = structuredClone(bundle);
    broken.inclusionProof[1] = 'XYZ';
    const path = file('broken.json', JSON.stringify(broken));
    const r = await run([path, '--rpc', 'http://x'], noChain);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `sigillo verify: ${path} is not a valid proof bundle: inclusionProof[1]: not a 32-byte hex hash (64 lower-case hex digits, no 0x), got "XYZ"`,
    );
  });

  it('requires --rpc', async () => {
    const r = await run([file('ok.json', JSON.stringify(bundle))], noChain);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('sigillo verify: missing --rpc URL (the chain RPC to check the anchor against)');
    expect(r.err).toContain('usage: sigillo verify <bundle.json> --rpc URL');
  });

  it('requires exactly one bundle file', async () => {
    expect((await run(['--rpc', 'http://x'], noChain)).err.split('\n')[0]).toBe('sigillo verify: missing <bundle.json>');
    expect((await run(['a', 'b', '--rpc', 'http://x'], noChain)).err.split('\n')[0]).toBe('sigillo verify: expected one bundle file, got 2');
  });

  it('rejects unknown options and a malformed --key', async () => {
    const unknown = await run(['x.json', '--rpc', 'http://x', '--frobnicate'], noChain);
    expect(unknown.code).toBe(2);
    expect(unknown.err.split('\n')[0]).toMatch(/^sigillo verify: Unknown option '--frobnicate'/);
    const key = await run(['x.json', '--rpc', 'http://x', '--key', 'nonsense'], noChain);
    expect(key.code).toBe(2);
    expect(key.err.split('\n')[0]).toBe('sigillo verify: --key: verifier key: expected <name>+<key id>+<key>');
  });

  it('reports an unreachable RPC without a stack trace', async () => {
    const path = file('ok.json', JSON.stringify(bundle));
    const r = await run([path, '--rpc', 'http://127.0.0.1:1'], null);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sigillo verify: chain RPC http:\/\/127\.0\.0\.1:1 is unreachable/);
    expect(r.err).not.toMatch(/\n|    at /);
  });

  it('reports a non-HTTP RPC URL', async () => {
    const r = await run([file('ok.json', JSON.stringify(bundle)), '--rpc', 'ws://localhost:8545'], null);
    expect(r).toMatchObject({ code: 2, err: 'sigillo verify: chain RPC URL "ws://localhost:8545" must be http:// or https://' });
  });
});

describe('sigillo verify: results', () => {
  it('prints a one-line summary and exits 0 for a genuine bundle', async () => {
    const before = destroyed;
    const r = await run([file('ok.json', JSON.stringify(bundle)), '--rpc', 'http://chain', '--key', keys.verifierKey]);
    expect(r).toEqual({
      code: 0,
      err: '',
      out:
        `OK entry 5 (message.submitted/v2) is in checkpoint 8 of sigillo.test, anchored at tree size 10 in block 17 ` +
        `tx ${TX} on chain 31337, contract ${CONTRACT}`,
    });
    expect(destroyed).toBe(before + 1);
  });

  it('verifies a version 1 entry of the same log, written before version 2 existed', async () => {
    const v1 = {
      ...structuredClone(bundle),
      entry: { seq: 4, canonical: entries[4].canonical, salt: toHex(entries[4].salt) },
      leafIndex: 4,
      leafHash: toHex(leaves[4]),
    };
    v1.inclusionProof = inclusionProof(4, leaves.slice(0, 8)).map(toHex);
    const r = await run([file('v1.json', JSON.stringify(v1)), '--rpc', 'http://chain', '--key', keys.verifierKey]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^OK entry 4 \(message\.submitted\) is in checkpoint 8/);
  });

  it('prints one line per failed check and exits 1', async () => {
    const tampered = structuredClone(bundle);
    tampered.leafHash = toHex(leaves[4]);
    tampered.anchor.blockNumber = 18;
    const r = await run([file('tampered.json', JSON.stringify(tampered)), '--rpc', 'http://chain']);
    expect(r.code).toBe(1);
    expect(r.out.split('\n')).toEqual([
      expect.stringMatching(/^FAIL leaf: leaf hash of the entry is [0-9a-f]{64}, not the bundle's leafHash/),
      'FAIL inclusion: inclusion proof does not lead to the checkpoint root',
      `FAIL chain: transaction ${TX} is in block 17, not block 18`,
    ]);
  });

  it('fails the signature check against a pinned key that did not sign', async () => {
    const other = generateSignerKey('sigillo.test');
    const r = await run([file('ok.json', JSON.stringify(bundle)), '--rpc', 'http://chain', '--key', other.verifierKey]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAIL checkpoint-signature: checkpoint has no signature by key sigillo\.test\+[0-9a-f]{8}$/);
  });

  it('prints every check as JSON with --json', async () => {
    const r = await run([file('ok.json', JSON.stringify(bundle)), '--rpc', 'http://chain', '--json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out);
    expect(parsed.ok).toBe(true);
    expect(parsed.checks.map((c: { check: string }) => c.check)).toEqual([
      'entry',
      'schema',
      'leaf',
      'checkpoint-signature',
      'inclusion',
      'consistency',
      'chain',
    ]);
  });

  it('prints its usage with --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: sigillo verify/);
  });
});

describe('sigillo main', () => {
  it('lists the commands with --help and exits 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: sigillo <command> \[options\]/);
    expect(r.out).toMatch(/\n {2}verify +verify a proof bundle/);
  });

  it('exits 2 with the usage on an unknown command', async () => {
    const r = await cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sigillo: unknown command "frobnicate"\nusage: sigillo <command>/);
  });

  it('does not treat inherited names as commands', async () => {
    expect((await cli(['toString'])).code).toBe(2);
  });

  it('exits 2 with the usage when no command is given', async () => {
    const r = await cli([]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^usage: sigillo/);
  });

  it('exits 2 on an unknown global option', async () => {
    const r = await cli(['--nope']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^sigillo: Unknown option '--nope'/);
  });

  it('shows a command usage with help <command>', async () => {
    expect((await cli(['help', 'verify'])).out).toMatch(/^usage: sigillo verify/);
    expect((await cli(['help', 'nope'])).code).toBe(2);
  });

  it('dispatches to the command and passes its exit code through', async () => {
    const r = await cli(['verify', join(dir, 'missing.json'), '--rpc', 'http://x']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`sigillo verify: cannot read ${join(dir, 'missing.json')}: no such file`);
  });
});
