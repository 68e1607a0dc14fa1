import { randomUUID } from 'node:crypto';
import { BaseConfig, RedisService } from '#sigillo/platform';
import { leaseSize, RedisThrottlerStorage } from './redis-throttler.storage.js';

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
      await redis.onApplicationShutdown();
    }
  });

  it('reserves hits in leases of 1% of the limit: one Redis trip per lease, counts as if exact', async () => {
    const redis = new RedisService(config());
    try {
      const cfg = config();
      const storage = new RedisThrottlerStorage(redis, cfg);
      const results = [];
      for (let i = 0; i < 25; i++) results.push(await storage.increment('lease', 60_000, 1000));
      expect(results.map((r) => r.totalHits)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(results.every((r) => !r.isBlocked)).toBe(true);
      expect(leaseSize(1000)).toBe(10);
      expect(Number(await redis.get(`${cfg.QUEUE_PREFIX}:rate-limit:lease`))).toBe(30);
      // Concurrent hits wait for the reservation in flight instead of each making their own.
      await Promise.all(Array.from({ length: 5 }, () => storage.increment('lease', 60_000, 1000)));
      expect(Number(await redis.get(`${cfg.QUEUE_PREFIX}:rate-limit:lease`))).toBe(30);
    } finally {
      await redis.onApplicationShutdown();
    }
  });

  it('never lets replicas together past the limit, and loses at most a lease per replica', async () => {
    const redis = new RedisService(config());
    try {
      const cfg = config();
      const replicas = [new RedisThrottlerStorage(redis, cfg), new RedisThrottlerStorage(redis, cfg), new RedisThrottlerStorage(redis, cfg)];
      const limit = 500; // leases of 5
      let allowed = 0;
      for (let i = 0; i < 600; i++) if (!(await replicas[i % 3].increment('shared', 60_000, limit)).isBlocked) allowed++;
      expect(allowed).toBeLessThanOrEqual(limit);
      expect(allowed).toBeGreaterThanOrEqual(limit - 3 * leaseSize(limit));
      const refused = await replicas[0].increment('shared', 60_000, limit);
      expect(refused).toMatchObject({ isBlocked: true });
      expect(refused.totalHits).toBeGreaterThan(limit);
      expect(refused.timeToBlockExpire).toBeGreaterThan(55);
    } finally {
      await redis.onApplicationShutdown();
    }
  });

  it('sizes leases between 1 and 100', () => {
    expect([1, 99, 199, 200, 6000, 10_000, 1e9].map(leaseSize)).toEqual([1, 1, 1, 2, 60, 100, 100]);
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
