import { randomUUID } from 'node:crypto';
import { BaseConfig } from '../../../../libs/platform/src/config.js';
import { RedisService } from '../../../../libs/platform/src/redis.service.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

// Against the real Redis of the test machine (and a closed port for the outage).
const config = (redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') =>
  Object.assign(new BaseConfig(), { QUEUE_PREFIX: `test-throttle-${randomUUID()}`, REDIS_URL: redisUrl });

describe('RedisThrottlerStorage', () => {
  it('counts hits in a window and blocks past the limit until the window ends', async () => {
    const redis = new RedisService(config());
    try {
      const storage = new RedisThrottlerStorage(redis, config());
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await storage.increment('k', 60_000, 5));
      expect(results.map((r) => r.totalHits)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, false, false, true]);
      expect(results[5].timeToExpire).toBeGreaterThan(55);
      expect(results[5].timeToBlockExpire).toBe(results[5].timeToExpire);
      expect((await storage.increment('other', 60_000, 5)).totalHits).toBe(1);
    } finally {
      await redis.onModuleDestroy();
    }
  });

  it('lets requests through when Redis is unreachable', async () => {
    const redis = new RedisService(config('redis://127.0.0.1:1'));
    try {
      const result = await new RedisThrottlerStorage(redis, config()).increment('k', 60_000, 5);
      expect(result.isBlocked).toBe(false);
    } finally {
      redis.disconnect();
    }
  });
});
