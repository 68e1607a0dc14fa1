import { BaseConfig } from '../../../../libs/platform/src/config.js';
import type { RedisService } from '../../../../libs/platform/src/redis.service.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

const config = Object.assign(new BaseConfig(), { QUEUE_PREFIX: 'test' });
const storage = (evalResult: () => Promise<unknown>) => new RedisThrottlerStorage({ eval: evalResult } as unknown as RedisService, config);

describe('RedisThrottlerStorage', () => {
  it('counts hits in a window and blocks past the limit until the window ends', async () => {
    expect(await storage(async () => [3, 42_100]).increment('k', 60_000, 5)).toEqual({ totalHits: 3, timeToExpire: 43, isBlocked: false, timeToBlockExpire: 0 });
    expect(await storage(async () => [6, 42_100]).increment('k', 60_000, 5)).toEqual({ totalHits: 6, timeToExpire: 43, isBlocked: true, timeToBlockExpire: 43 });
  });

  it('lets requests through when Redis is unreachable', async () => {
    const result = await storage(async () => Promise.reject(new Error('ECONNREFUSED'))).increment('k', 60_000, 5);
    expect(result.isBlocked).toBe(false);
  });
});
