import pg from 'pg';
import { beginStatement, type TransactionOptions } from './transaction.js';

/** A closing connection is waited for this long at most: a dead peer must not hold up a shutdown. */
const DESTROY_WAIT_MS = 5_000;

/**
 * One PostgreSQL session kept for as long as its state matters: a session advisory lock, session
 * settings. It is a pool of exactly one connection that is never idled out, so connecting, errors
 * and timeouts are handled as for every other connection of the service, and the state lives
 * exactly as long as that connection: reset() or end() drops it, and the lock with it.
 *
 * Like a transaction (see withTransaction) it runs one statement at a time and refuses a second
 * one sent before the first answered (pg would queue it, which it deprecates and removes in pg 9).
 */
export class DedicatedSession {
  private readonly pool: pg.Pool;
  private client: pg.PoolClient | null = null;
  private connecting: Promise<pg.PoolClient> | null = null;
  private running = false;
  private lost: Error | undefined;
  private ended = false;

  constructor(options: { connectionString: string; applicationName: string; connectionTimeoutMillis?: number }) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      application_name: options.applicationName,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
      max: 1,
      idleTimeoutMillis: 0,
    });
    this.pool.on('error', () => undefined); // surfaces as the next statement's failure
  }

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(textOrConfig: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>> {
    if (this.ended) throw new Error('this session has ended');
    if (this.running) throw new Error('a session runs one statement at a time: await the previous one first');
    this.running = true;
    try {
      const client = await this.connection();
      return typeof textOrConfig === 'string' ? await client.query<R>(textOrConfig, values) : await client.query<R>(textOrConfig);
    } finally {
      this.running = false;
    }
  }

  /**
   * Runs `work` in one transaction on this session (its statements go through the session, one at
   * a time): committed when it resolves, rolled back when it (or the commit) fails. When even the
   * rollback fails the connection is in an unknown state and is dropped, with what the session held.
   */
  async transaction<T>(work: (session: DedicatedSession) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    await this.query(beginStatement(options));
    try {
      const result = await work(this);
      await this.query('COMMIT');
      return result;
    } catch (err) {
      await this.query('ROLLBACK').catch(() => this.reset());
      throw err;
    }
  }

  /** Drops the connection (and what the session held); the next statement opens a new one. */
  async reset(): Promise<void> {
    const client = this.client ?? (await this.connecting?.catch(() => null));
    this.client = null;
    this.connecting = null;
    const lost = this.lost;
    this.lost = undefined;
    if (client) await this.destroy(client, lost);
  }

  /** Drops the connection for good. */
  async end(): Promise<void> {
    this.ended = true;
    await this.reset();
    await this.pool.end().catch(() => undefined);
  }

  /**
   * Resolves once the connection is closed (the pool's 'remove' comes after the client's end):
   * PostgreSQL has then released what the session held, so another process can take it at once.
   */
  private async destroy(client: pg.PoolClient, lost: Error | undefined): Promise<void> {
    let onRemove: ((removed: pg.PoolClient) => void) | undefined;
    const removed = new Promise<void>((resolve) => {
      onRemove = (removed) => removed === client && resolve();
      this.pool.on('remove', onRemove);
    });
    client.release(lost ?? true);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, DESTROY_WAIT_MS)));
    await Promise.race([removed, timeout]);
    clearTimeout(timer);
    this.pool.off('remove', onRemove!);
  }

  private async connection(): Promise<pg.PoolClient> {
    if (this.lost) {
      // Never a silent reconnect: what the caller holds on this session (a lock) is gone, and it
      // must hear so before going on with a new one.
      const lost = this.lost;
      await this.reset();
      throw new Error(`the session's connection was lost (${lost.message}); the next statement opens a new one`);
    }
    if (this.client) return this.client;
    this.connecting ??= this.pool.connect().then((client) => {
      client.on('error', (err: Error) => {
        if (this.client === client || this.client === null) this.lost ??= err;
      });
      return client;
    });
    try {
      this.client = await this.connecting;
      return this.client;
    } finally {
      this.connecting = null;
    }
  }
}
