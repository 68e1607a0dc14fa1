import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { DatabaseConfig } from './config.js';

/**
 * Plain node-postgres for the hot paths (event intake, the send pipeline): one statement, one
 * round trip, without an ORM's per-query cost. Everything else goes through Prisma.
 */
@Injectable()
export class PgPool extends pg.Pool implements OnApplicationShutdown {
  constructor(config: DatabaseConfig) {
    // A caller queued for a client always gets an answer: pg-pool never answers those still queued
    // when the pool ends, and a close that waits on them would hang. 30 s is far past any wait a
    // healthy pool of 20 makes; the error is a 503 (database-unavailable.ts).
    super({ connectionString: config.DATABASE_URL, max: 20, application_name: 'sigillo', connectionTimeoutMillis: 30_000 });
    this.on('error', () => undefined); // an idle client's lost connection: the pool replaces it
    // A client checked out (a transaction between two statements) has no pool listener: a server
    // shutting down (57P01) would then be an unhandled 'error' event and kill the process. It
    // surfaces as the next statement's failure instead, and release() drops the dead client.
    this.on('connect', (client) => client.on('error', () => undefined));
  }

  /**
   * Ended last, at application shutdown: Nest runs onModuleDestroy before the HTTP server has
   * drained and before the worker's jobs and pollers stopped, which would fail them mid-statement.
   */
  async onApplicationShutdown(): Promise<void> {
    if (!this.ended) await this.end();
  }
}
