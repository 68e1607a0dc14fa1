import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.js';
import { DatabaseConfig } from './config.js';

/** The one Prisma client of a process. Only repositories use it, so Prisma types stay inside them. */
@Injectable()
export class PrismaService extends PrismaClient implements OnApplicationShutdown {
  constructor(config: DatabaseConfig) {
    super({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL }) });
  }

  /** At application shutdown, after requests, jobs and pollers (see PgPool). */
  async onApplicationShutdown(): Promise<void> {
    await this.$disconnect();
  }
}
