import { readdirSync } from 'node:fs';

import { Redis } from 'ioredis';
import pg from 'pg';

import { redactUrl } from './database-setup.js';

const TIMEOUT_MS = 2000;

/**
 * Resolves when a PostgreSQL server answers at the URL. A missing database still counts as up:
 * creating it is the caller's next step.
 */
export async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS, query_timeout: TIMEOUT_MS });
  client.on('error', () => undefined); // a late socket error after a failed connect must not crash us
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '3D000') return; // invalid_catalog_name: the server is there, the database not yet
    if (code && /^[0-9A-Z]{5}$/.test(code)) {
      throw new Error(`PostgreSQL at ${redactUrl(url)} refused the connection: ${(err as Error).message}`);
    }
    throw new Error(
      `PostgreSQL is unreachable at ${redactUrl(url)} (${describe(err)}). Start it with ` +
        `\`pg_ctlcluster --skip-systemctl-redirect ${postgresVersion()} main start\` (Debian), ` +
        'or source `. ../shared/tools/env.sh` from the project root.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Resolves when a Redis server answers PING at the URL. */
export async function checkRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: TIMEOUT_MS,
    commandTimeout: TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // one attempt: this is a probe, not a client
  });
  let lastError: unknown;
  redis.on('error', (err) => (lastError = err)); // otherwise ioredis prints "Unhandled error event"
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `Redis is unreachable at ${redactUrl(url)} (${describe(lastError ?? err)}). Start it with ` +
        '`redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no`, ' +
        'or source `. ../shared/tools/env.sh` from the project root.',
    );
  } finally {
    redis.disconnect();
  }
}

function describe(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e?.code && e.message && !e.message.includes(e.code)) return `${e.code}: ${e.message}`;
  return e?.message || e?.code || String(err);
}

/** The installed cluster's version, for a copy-pasteable hint; a placeholder elsewhere. */
function postgresVersion(): string {
  try {
    return readdirSync('/etc/postgresql').sort().at(-1) ?? '<version>';
  } catch {
    return '<version>';
  }
}
