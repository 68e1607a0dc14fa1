import type pg from 'pg';

export interface TransactionOptions {
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';
  readOnly?: boolean;
}

/**
 * The one connection of a running transaction. It runs one statement at a time: a second one sent
 * before the first answered is refused (pg would queue it, a behaviour it deprecates and removes in
 * pg 9, and a queued statement after a failed one only reports "current transaction is aborted").
 * Once the transaction ended it refuses everything: its connection is back in the pool, lent to
 * someone else.
 */
export class Transaction {
  private running: Promise<unknown> | null = null;
  private ended = false;

  constructor(private readonly client: pg.PoolClient) {}

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<R>>;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  async query<R extends pg.QueryResultRow>(textOrConfig: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>> {
    if (this.ended) throw new Error('this transaction has ended: its statements must run inside withTransaction');
    if (this.running) throw new Error('a transaction runs one statement at a time: await the previous one first');
    const running = typeof textOrConfig === 'string' ? this.client.query<R>(textOrConfig, values) : this.client.query<R>(textOrConfig);
    this.running = running;
    try {
      return await running;
    } finally {
      this.running = null;
    }
  }

  /**
   * Ends the transaction's use by its work; resolves once a statement the work left running (it
   * failed without awaiting it) has answered, so withTransaction's own ROLLBACK is never queued.
   */
  async end(): Promise<void> {
    this.ended = true;
    await this.running?.catch(() => undefined);
  }
}

/**
 * Runs `work` in one transaction on one pooled connection: committed when it resolves, rolled back
 * when it (or the commit) fails, and the connection returned on every path. A connection whose
 * rollback failed is in an unknown state and is destroyed, never handed to the next caller.
 */
export async function withTransaction<T>(pool: pg.Pool, work: (tx: Transaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const client = await pool.connect();
  const tx = new Transaction(client);
  let broken: Error | undefined;
  // A connection lost mid-transaction emits 'error' on the checked-out client, which has no pool
  // listener then: unheard, it would kill the process. It surfaces as the next statement's failure
  // instead, and the connection is destroyed rather than pooled.
  const onError = (err: Error) => (broken ??= err);
  client.on('error', onError);
  try {
    await client.query(beginStatement(options));
    const result = await work(tx);
    await tx.end();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await tx.end();
    await client.query('ROLLBACK').catch((rollbackErr: Error) => (broken = rollbackErr));
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

export function beginStatement(options: TransactionOptions): string {
  const parts = ['BEGIN'];
  if (options.isolation) parts.push(`ISOLATION LEVEL ${options.isolation}`);
  if (options.readOnly) parts.push('READ ONLY');
  return parts.join(' ');
}
