import { DedicatedSession } from './session.js';

/**
 * A PostgreSQL session-level advisory lock on its own connection. It is held until release(),
 * close() or the death of the connection (a killed process, a restarted server), so a crashed
 * holder never blocks the others for long.
 */
export class SessionLock {
  private readonly session: DedicatedSession;
  private held = false;

  constructor(
    databaseUrl: string,
    private readonly key: bigint,
    applicationName: string,
  ) {
    this.session = new DedicatedSession({ connectionString: databaseUrl, applicationName });
  }

  /** True when this process holds the lock now (taking it if it is free). */
  async tryAcquire(): Promise<boolean> {
    try {
      if (this.held) {
        await this.session.query('SELECT 1'); // the lock lives exactly as long as this session
        return true;
      }
      const { rows } = await this.session.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [this.key.toString()]);
      this.held = rows[0].ok;
      return this.held;
    } catch (err) {
      // Whatever the lost session held is gone with it: start from a new one next time.
      this.held = false;
      await this.session.reset();
      throw err;
    }
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.session.query('SELECT pg_advisory_unlock($1)', [this.key.toString()]).catch(() => this.session.reset());
  }

  async close(): Promise<void> {
    this.held = false;
    await this.session.end();
  }
}
