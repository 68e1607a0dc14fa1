// Proves the e2e building blocks themselves, so a failing e2e test elsewhere points at the app.
import { JsonRpcProvider } from 'ethers';
import pg from 'pg';

import { PgPool, within } from '#sigillo/platform';
import { LedgerStack } from '../support/ledger-stack.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { createTestDatabase, startTestChain } from '../support/test-stack.js';
import { waitFor } from '../support/wait-for.js';

async function databaseExists(url: string): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const res = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return res.rowCount === 1;
  } finally {
    await client.end();
  }
}

async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(2000),
  });
  return ((await res.json()) as { result: unknown }).result;
}

describe('test stack support', () => {
  it('creates a migrated database and drops it', async () => {
    const db = await createTestDatabase();
    try {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const res = await client.query(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`);
        expect(res.rows[0].n).toBeGreaterThan(0);
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
    expect(await databaseExists(db.url)).toBe(false);
  });

  describe('with a chain', () => {
    let chain: Awaited<ReturnType<typeof startTestChain>>;

    beforeAll(async () => {
      chain = await startTestChain();
    });
    afterAll(async () => {
      await chain?.stop();
    });

    it('deploys NotificationLedger', async () => {
      expect(chain.chainId).toBe(31337n);
      const code = await rpc(chain.url, 'eth_getCode', [chain.contract, 'latest']);
      expect(typeof code).toBe('string');
      expect((code as string).length).toBeGreaterThan(2);
    });

    it('forwards JSON-RPC through the proxy until paused, and again after resume', async () => {
      const proxy = await startTcpProxy({ target: chain.url });
      // One provider across the outage, like the worker's: its kept-alive socket must be cut too.
      const provider = new JsonRpcProvider(proxy.url, undefined, { batchMaxCount: 1, staticNetwork: true });
      try {
        expect(await rpc(proxy.url, 'eth_chainId')).toBe('0x7a69');
        expect(await provider.getBlockNumber()).toBeGreaterThanOrEqual(1);

        await proxy.pause();
        const started = Date.now();
        await expect(rpc(proxy.url, 'eth_chainId')).rejects.toThrow();
        expect(Date.now() - started).toBeLessThan(1000);

        await proxy.resume();
        expect(await rpc(proxy.url, 'eth_chainId')).toBe('0x7a69');
        expect(await provider.getBlockNumber()).toBeGreaterThanOrEqual(1);
      } finally {
        provider.destroy();
        await proxy.close();
      }
    });

    it('stops the node', async () => {
      await chain.stop();
      await expect(rpc(chain.url, 'eth_chainId')).rejects.toThrow();
      await chain.stop(); // idempotent: afterAll calls it again
    });
  });

  it('stops a whole stack even when a worker cannot close: says what it waited for, then the chain and the database still go', async () => {
    const stack = await LedgerStack.start();
    // A client the worker's pool will never get back: its end(), and so the worker's close(), waits forever.
    await stack.get(PgPool).connect();
    const said: string[] = [];
    const started = Date.now();
    await expect(stack.stop({ say: (line) => said.push(line) })).rejects.toThrow(
      /^teardown: worker 1 did not stop within 12000 ms \(waiting for its pg pool \(ending\): 1 of \d+ clients checked out, 0 queued for one; database sessions busy: .*\); forced, it still had not stopped$/,
    );
    expect(Date.now() - started).toBeLessThan(40_000);
    expect(said).toEqual([expect.stringMatching(/^test stack: worker 1 did not stop within 12000 ms; still waiting for its pg pool/)]);
    await expect(rpc(stack.chain.url, 'eth_chainId')).rejects.toThrow();
    expect(await databaseExists(stack.db.url)).toBe(false);
  }, 60_000);

  // The CI hang: a pg pool ended while callers queue for a client never answers them, so whatever
  // awaits them (a poller, a job) and the close waiting for it hang for good. The worker must end
  // its pool only once its pollers and jobs are done.
  it('closes a worker whose pg pool is saturated when the close begins', async () => {
    const stack = await LedgerStack.start();
    try {
      const pool = stack.get(PgPool);
      const held = await Promise.all(Array.from({ length: pool.options.max }, () => pool.connect()));
      await waitFor('a poller queued for a client', async () => pool.waitingCount > 0);
      const closing = stack.workers[0].close();
      setTimeout(() => held.forEach((c) => c.release()), 300);
      await within(closing, 10_000, 'the worker closing');
      stack.workers.shift();
    } finally {
      await stack.stop();
    }
  }, 60_000);
});
