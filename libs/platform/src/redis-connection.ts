import type { RedisOptions } from 'bullmq';

/** BullMQ connection options; its workers need maxRetriesPerRequest null to block on Redis. */
export function redisConnection(url: string): RedisOptions {
  return { url, maxRetriesPerRequest: null };
}
