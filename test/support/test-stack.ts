// Building blocks for e2e tests: each test file gets its own database, chain and queue prefix,
// so files can run in parallel against one PostgreSQL and one Redis.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

import {
  deployNotificationLedger,
  hardhatAccounts,
  PortInUseError,
  startHardhatNode,
  dropDatabase,
  ensureDatabase,
  migrateDatabase,
  checkPostgres,
} from '#sigillo/dev-stack';
import { within } from '#sigillo/platform';
import pg from 'pg';
import { boundedStop } from './bounded-stop.js';

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/sigillo';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
  /** Its sessions: the busy ones with what each runs and waits for, the idle ones counted: what a hung close may be stuck on. */
  describeSessions(): Promise<string>;
  /** Ends every session on it: whatever waits on one of them (a query, a lock, a pool's end) is freed. */
  endSessions(): Promise<void>;
}

export interface TestChain {
  url: string;
  chainId: bigint;
  /** Address of the NotificationLedger deployed for this test. */
  contract: string;
  deployBlock: number;
  /** Account #1: holds ANCHORER_ROLE. */
  anchorerKey: string;
  /** Account #0: deployed the contract and holds DEFAULT_ADMIN_ROLE. */
  adminKey: string;
  stop(): Promise<void>;
}

/** A fresh, migrated database on the server of DATABASE_URL (or the local default). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = new URL(process.env.DATABASE_URL || DEFAULT_DATABASE_URL);
  await checkPostgres(base.toString());
  base.pathname = `/sigillo_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const url = base.toString();
  await ensureDatabase(url);
  try {
    await migrateDatabase(url);
  } catch (err) {
    await dropDatabase(url);
    throw err;
  }
  return {
    url,
    drop: () => boundedStop({ what: `dropping the test database`, stop: () => dropDatabase(url), ms: 15_000 }),
    describeSessions: () => describeSessions(url),
    endSessions: () => endSessions(url),
  };
}

const SESSION_TIMEOUT_MS = 3_000;

async function withSession<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: SESSION_TIMEOUT_MS, query_timeout: SESSION_TIMEOUT_MS });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function describeSessions(url: string): Promise<string> {
  const { rows } = await withSession(url, (c) =>
    c.query<{ app: string; state: string | null; wait: string | null; query: string }>(
      `SELECT coalesce(nullif(application_name, ''), 'a session') AS app, state, wait_event_type || ':' || wait_event AS wait,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 80) AS query
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    ),
  );
  const idle = new Map<string, number>();
  const busy: string[] = [];
  for (const r of rows) {
    if (r.state === 'idle') idle.set(r.app, (idle.get(r.app) ?? 0) + 1);
    else busy.push(`${r.app} ${r.state}${r.wait ? ` (${r.wait})` : ''}: ${r.query}`);
  }
  const idleText = idle.size === 0 ? 'none idle' : `idle: ${[...idle].map(([app, n]) => `${app} x${n}`).join(', ')}`;
  return `database sessions busy: ${busy.length === 0 ? 'none' : busy.join(' | ')}; ${idleText}`;
}

async function endSessions(url: string): Promise<void> {
  await withSession(url, (c) =>
    c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'),
  );
}

/** A Hardhat node on a free port with NotificationLedger deployed (admin #0, anchorer #1). */
export async function startTestChain(): Promise<TestChain> {
  const [admin, anchorer] = hardhatAccounts;
  const node = await startNodeOnFreePort();
  try {
    const deployed = await within(
      deployNotificationLedger({ rpcUrl: node.url, deployerKey: admin.privateKey, admin: admin.address, anchorer: anchorer.address }),
      30_000,
      `deploying NotificationLedger on ${node.url}`,
    );
    return {
      url: node.url,
      chainId: node.chainId,
      contract: deployed.address,
      deployBlock: deployed.blockNumber,
      anchorerKey: anchorer.privateKey,
      adminKey: admin.privateKey,
      // Killed outright if it does not go: a node left running keeps jest from ever exiting.
      stop: () =>
        boundedStop({
          what: `the Hardhat node on ${node.url}`,
          stop: node.stop,
          ms: 10_000,
          waitingFor: () => `its process ${node.process.pid} to exit`,
          force: node.kill,
        }),
    };
  } catch (err) {
    await boundedStop({ what: `the Hardhat node on ${node.url}`, stop: node.stop, ms: 10_000, force: node.kill }).catch(() => undefined);
    throw err;
  }
}

/** A QUEUE_PREFIX no other test run uses. */
export function uniqueQueuePrefix(): string {
  return `test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

async function startNodeOnFreePort() {
  // Between freeing the probed port and the node binding it another process may take it: retry.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startHardhatNode({ port: await freePort() });
    } catch (err) {
      if (!(err instanceof PortInUseError) || attempt >= 3) throw err;
    }
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
