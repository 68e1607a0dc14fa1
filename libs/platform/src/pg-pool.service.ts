import { Injectable, OnModuleDestroy } from '@nestjs/common';
import pg from 'pg';
import { DatabaseConfig } from './config.js';

/**
 * Plain node-postgres for the hot paths (event intake, the send pipeline): one statement, one
 * round trip, without an ORM's per-query cost. Everything else goes through Prisma.
 */
@Injectable()
export class PgPool extends pg.Pool implements OnModuleDestroy {
  constructor(config: DatabaseConfig) {
    super({ connectionString: config.DATABASE_URL, max: 20, application_name: 'sigillo' });
    this.on('error', () => undefined); // an idle client's lost connection: the pool replaces it
  }

  async onModuleDestroy(): Promise<void> {
    await this.end();
  }
}
