import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { BaseConfig } from './config.js';

/** A plain Redis client for what is not a queue (shared rate limits). */
@Injectable()
export class RedisService extends Redis implements OnApplicationShutdown {
  constructor(config: BaseConfig) {
    // Fail commands fast while Redis is away rather than queueing them without bound.
    super(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
    this.on('error', () => undefined); // reconnects by itself; callers see failed commands
  }

  /** At application shutdown, after requests, jobs and pollers (see PgPool). */
  async onApplicationShutdown(): Promise<void> {
    await this.quit().catch(() => this.disconnect());
  }
}
