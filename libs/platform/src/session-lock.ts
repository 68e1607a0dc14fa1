import pg from 'pg';

/**
 * A PostgreSQL session-level advisory lock on its own connection. It is held until release(),
 * close() or the death of the connection (a killed process, a restarted server), so a crashed
 * holder never blocks the others for long.
 */
export class SessionLock {
  private client: pg.Client | null = null;
  private held = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly key: bigint,
    private readonly applicationName: string,
  ) {}

  /** True when this process holds the lock now (taking it if it is free). */
  async tryAcquire(): Promise<boolean> {
    try {
      const client = await this.connection();
      if (this.held) {
        await client.query('SELECT 1'); // the lock lives exactly as long as this session
        return true;
      }
      const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [this.key.toString()]);
      this.held = rows[0].ok;
      return this.held;
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  async release(): Promise<void> {
    if (!this.held || !this.client) return;
    this.held = false;
    await this.client.query('SELECT pg_advisory_unlock($1)', [this.key.toString()]).catch(() => this.close());
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    await client?.end().catch(() => undefined);
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: this.applicationName });
    client.on('error', () => undefined); // surfaces as the next query's failure
    await client.connect();
    this.client = client;
    return client;
  }
}
