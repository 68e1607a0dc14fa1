import { Contract, JsonRpcProvider, Wallet } from 'ethers';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { hardhatAccounts } from '#sigillo/dev-stack';
import { NOTIFICATION_LEDGER_ABI } from '#sigillo/chain';
import type { ProofBundle, NewLedgerEntry } from '#sigillo/ledger';
import { LedgerRepository, EVENT_RECEIVED, MESSAGE_SUBMITTED } from '#sigillo/ledger';
import { runCli } from '../support/cli.js';
import { LedgerStack } from '../support/ledger-stack.js';
import { waitFor } from '../support/wait-for.js';

let stack: LedgerStack;
let db: pg.Client;
let provider: JsonRpcProvider;
const tmp = mkdtempSync(join(tmpdir(), 'sigillo-ledger-e2e-'));
/** Entries in the log: the stack's own, then this suite's. */
let appended = 0;

function entries(n: number): NewLedgerEntry[] {
  return Array.from({ length: n }, () => {
    const i = appended++;
    return {
      type: i % 2 ? 'message.submitted' : 'event.received',
      occurredAt: new Date(Date.UTC(2026, 10, 21, 10, 0, 0, i)),
      body:
        i % 2
          ? { ...MESSAGE_SUBMITTED.example, eventId: `evt-${i}`, to: `+39333${String(1000000 + i)}`, wamid: `wamid.àèìòù €${i}` }
          : {
              ...EVENT_RECEIVED.example,
              eventId: `evt-${i}`,
              recipient: { ...EVENT_RECEIVED.example.recipient, phone: `+39333${String(1000000 + i)}`, name: `Cliente ${i} àèìòù €` },
            },
    };
  });
}

async function append(n: number): Promise<number> {
  await stack.get(LedgerRepository).appendPending(entries(n));
  return appended;
}

async function chainLatest(): Promise<bigint> {
  const contract = new Contract(stack.chain.contract, NOTIFICATION_LEDGER_ABI, provider);
  const [size] = (await contract.latest()) as [bigint, string];
  return size;
}

async function sequencedSize(): Promise<number> {
  const { rows } = await db.query<{ n: string }>('SELECT COALESCE(MAX(seq) + 1, 0)::text AS n FROM ledger_entries');
  return Number(rows[0].n);
}

function getProof(seq: number | string, key: string | null = stack.keys.auditor): Promise<Response> {
  return fetch(`${stack.apiUrl}/v1/ledger/entries/${seq}/proof`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
}

async function anchoredBundle(seq: number): Promise<ProofBundle> {
  return waitFor(
    `a bundle for entry ${seq}`,
    async () => {
      const res = await getProof(seq);
      if (res.status === 200) return (await res.json()) as ProofBundle;
      throw new Error(`${res.status} ${await res.text()}`);
    },
    30_000,
    200,
  );
}

function writeBundle(name: string, bundle: unknown): string {
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify(bundle, null, 2));
  return file;
}

function auditEnv(): Record<string, string> {
  return { DATABASE_URL: stack.db.url, CHAIN_RPC_URL: stack.chain.url, LEDGER_CONTRACT_ADDRESS: stack.chain.contract };
}

beforeAll(async () => {
  stack = await LedgerStack.start();
  db = new pg.Client({ connectionString: stack.db.url });
  await db.connect();
  // The log already holds the stack's own entries (its api keys' config.api_key_created): ours follow them.
  appended = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entries')).rows[0].n);
  provider = new JsonRpcProvider(stack.chain.url, undefined, { batchMaxCount: 1 });
}, 120_000);

afterAll(async () => {
  provider?.destroy();
  await db?.end();
  await stack?.stop();
});

describe('the verifiable ledger end to end', () => {
  it('appends entries, checkpoints, anchors, and serves a bundle the CLI verifies against the chain alone', async () => {
    const n = await append(40);
    await waitFor('every entry sequenced with gapless seqs', async () => (await sequencedSize()) === n);
    const { rows } = await db.query<{ n: string; distinct: string; max: string }>(
      'SELECT COUNT(*)::text AS n, COUNT(DISTINCT seq)::text AS distinct, MAX(seq)::text AS max FROM ledger_entries',
    );
    expect(rows[0]).toEqual({ n: String(n), distinct: String(n), max: String(n - 1) });

    const bundle = await anchoredBundle(17);
    expect(bundle.format).toBe('sigillo.proof-bundle.v1');
    expect(bundle.leafIndex).toBe(17);
    expect(bundle.entry.canonical).toContain('"seq":17');
    expect(bundle.anchor.contract.toLowerCase()).toBe(stack.chain.contract.toLowerCase());
    expect(bundle.anchor.chainId).toBe(Number(stack.chain.chainId));
    expect(bundle.checkpoint.note.startsWith('sigillo.test/ledger\n')).toBe(true);

    const result = await runCli(['verify', writeBundle('ok.json', bundle), '--rpc', stack.chain.url, '--key', stack.verifierKey]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toMatch(/^OK .*entry 17/);
  });

  it('makes verify fail, naming the check, when one byte of a bundle changes', async () => {
    const bundle = await anchoredBundle(5);
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
    const cases: [string, (b: ProofBundle) => void, RegExp][] = [
      ['salt', (b) => (b.entry.salt = flip(b.entry.salt)), /leaf/],
      ['canonical', (b) => (b.entry.canonical = b.entry.canonical.replace(/"name":"[^"]*"/, '"name":"Mallory"')), /leaf/],
      ['inclusion', (b) => (b.inclusionProof[0] = flip(b.inclusionProof[0])), /inclusion proof does not lead to the checkpoint root/],
      ['note', (b) => (b.checkpoint.note = b.checkpoint.note.replace(/\n(\d+)\n/, (_m, s) => `\n${Number(s) + 1}\n`)), /signature/],
      ['anchor root', (b) => (b.anchor.root = flip(b.anchor.root)), /consistency|chain|root/],
    ];
    for (const [name, mutate, expected] of cases) {
      const copy = structuredClone(bundle);
      mutate(copy);
      const result = await runCli(['verify', writeBundle(`bad-${name.replace(' ', '-')}.json`, copy), '--rpc', stack.chain.url]);
      expect({ name, code: result.code, out: result.stdout }).toMatchObject({ name, code: 1 });
      expect(result.stdout + result.stderr).toMatch(expected);
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    }
  });

  it('answers 401, 403, 400, 404 and, before anchoring, 202 with the expected wait', async () => {
    expect((await getProof(0, null)).status).toBe(401);
    expect((await getProof(0, 'sk_auditor_not-a-real-key')).status).toBe(401);
    expect((await getProof(0, stack.keys.admin)).status).toBe(403);
    expect((await getProof(0, stack.keys.passweb)).status).toBe(403);
    const bad = await getProof('-1');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/seq/);
    expect((await getProof(1_000_000)).status).toBe(404);
  });

  it('keeps the log growing while the chain RPC is down for 10 s, then anchors everything without skipping', async () => {
    const before = await append(5);
    await waitFor('the chain to hold the log so far', async () => (await chainLatest()) === BigInt(before));

    await stack.rpcProxy.pause();
    const during = await append(25);
    await waitFor('entries sequenced while the RPC is down', async () => (await sequencedSize()) === during);
    const pending = await waitFor('a 202 for an unanchored entry', async () => {
      const res = await getProof(during - 1);
      return res.status === 202 ? res : null;
    });
    expect(Number(pending.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await pending.json()).toMatchObject({ status: 'pending', seq: during - 1 });
    await new Promise((r) => setTimeout(r, 10_000));
    expect(await chainLatest()).toBe(BigInt(before));
    const { rows: cps } = await db.query<{ n: string }>('SELECT MAX(tree_size)::text AS n FROM checkpoints');
    expect(Number(cps[0].n)).toBe(during);
    await stack.rpcProxy.resume();

    await waitFor('the chain to catch up', async () => (await chainLatest()) === BigInt(during), 30_000, 200);
    // Every confirmed anchor extends the one before: nothing skipped, nothing anchored twice.
    const { rows } = await db.query<{ tree_size: string; previous_size: string }>(
      "SELECT tree_size::text, previous_size::text FROM anchors WHERE status = 'CONFIRMED' ORDER BY tree_size",
    );
    for (let i = 1; i < rows.length; i++) expect(rows[i].previous_size).toBe(rows[i - 1].tree_size);
    const bundle = await anchoredBundle(during - 1);
    const result = await runCli(['verify', writeBundle('after-outage.json', bundle), '--rpc', stack.chain.url]);
    expect(result.code).toBe(0);
  });

  it('lets only the anchorer anchor, and never an inconsistent checkpoint', async () => {
    const latest = await chainLatest();
    const stranger = new Wallet(hardhatAccounts[2].privateKey, provider);
    const asStranger = new Contract(stack.chain.contract, NOTIFICATION_LEDGER_ABI, stranger);
    await expect(asStranger.anchor(latest + 1n, '0x' + '11'.repeat(32), [])).rejects.toThrow(/AccessControlUnauthorizedAccount|revert/);

    // The anchorer itself, with a made-up extension of the log: refused by the contract.
    const asAnchorer = new Contract(stack.chain.contract, NOTIFICATION_LEDGER_ABI, new Wallet(stack.chain.anchorerKey, provider));
    const forged = ['0x' + '22'.repeat(32), '0x' + '33'.repeat(32)];
    await expect(asAnchorer.anchor.staticCall(latest + 5n, '0x' + '44'.repeat(32), forged)).rejects.toThrow(/InvalidConsistencyProof|revert/);
    await expect(asAnchorer.anchor.staticCall(latest, '0x' + '44'.repeat(32), [])).rejects.toThrow(/TreeSizeNotIncreasing|revert/);
    expect(await chainLatest()).toBe(latest);
  });

  it('anchors again when the anchoring transaction disappears in a reorg', async () => {
    const base = await append(3);
    await waitFor('the chain to hold the log', async () => (await chainLatest()) === BigInt(base));
    const snapshot = (await provider.send('evm_snapshot', [])) as string;
    const grown = await append(7);
    await waitFor('an anchor of the new entries', async () => (await chainLatest()) === BigInt(grown));
    await provider.send('evm_revert', [snapshot]);
    expect(await chainLatest()).toBe(BigInt(base));

    await waitFor('the worker to anchor again after the reorg', async () => (await chainLatest()) === BigInt(grown), 30_000, 200);
    const { rows } = await db.query<{ tree_size: string }>("SELECT tree_size::text FROM anchors WHERE status = 'ORPHANED'");
    expect(rows.map((r) => Number(r.tree_size))).toContain(grown);
    const result = await runCli(['verify', writeBundle('after-reorg.json', await anchoredBundle(grown - 1)), '--rpc', stack.chain.url]);
    expect(result.code).toBe(0);
  });

  it('audit passes on the untouched log and names an entry edited in the database', async () => {
    const clean = await runCli(['audit'], auditEnv());
    expect(clean.stdout).toMatch(/^audit OK: \d+ entries[^\n]*\n$/);
    expect(clean.code).toBe(0);

    const { rows } = await db.query<{ body: unknown }>('SELECT body FROM ledger_entries WHERE seq = 12');
    await db.query(`UPDATE ledger_entries SET body = jsonb_set(body, '{name}', '"Someone Else"') WHERE seq = 12`);
    try {
      const tampered = await runCli(['audit'], auditEnv());
      expect(tampered.code).toBe(1);
      expect(tampered.stdout + tampered.stderr).toContain('entry 12: stored content does not match its leaf');
    } finally {
      await db.query('UPDATE ledger_entries SET body = $1 WHERE seq = 12', [rows[0].body]);
    }
  });

  it('runs one sequencer at a time: a second worker waits, then takes over without a gap', async () => {
    await stack.startWorker();
    const n = await append(50);
    await waitFor('the first worker to sequence', async () => (await sequencedSize()) === n);
    const first = stack.workers.shift()!;
    await first.close();
    const m = await append(50);
    await waitFor('the second worker to take over', async () => (await sequencedSize()) === m, 30_000);
    const { rows } = await db.query<{ n: string; distinct: string; max: string }>(
      'SELECT COUNT(*)::text AS n, COUNT(DISTINCT seq)::text AS distinct, MAX(seq)::text AS max FROM ledger_entries',
    );
    expect(rows[0]).toEqual({ n: String(m), distinct: String(m), max: String(m - 1) });
    await waitFor('the new entries anchored', async () => (await chainLatest()) === BigInt(m), 30_000, 200);
    const audit = await runCli(['audit'], auditEnv());
    expect(audit.stdout).toMatch(/^audit OK/);
    expect(audit.code).toBe(0);
  });
});
