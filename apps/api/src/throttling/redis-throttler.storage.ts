import { Injectable, Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { BaseConfig } from '../../../../libs/platform/src/config.js';
import { RedisService } from '../../../../libs/platform/src/redis.service.js';

// A fixed window per key: the first hit starts it, every hit counts, Redis expires it.
const HIT = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }`;

const WARN_EVERY_MS = 60_000;

/**
 * Hit counts in Redis, so every api replica draws on the same budget per key. A key over its limit
 * stays refused until its window ends. When Redis is unreachable requests are let through: the
 * limit protects the service, and refusing every event because a counter is away would not.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly prefix: string;
  private lastWarning = 0;

  constructor(
    private readonly redis: RedisService,
    config: BaseConfig,
  ) {
    this.prefix = `${config.QUEUE_PREFIX}:rate-limit:`;
    // EVALSHA: the script travels once, not with every request.
    redis.defineCommand('sigilloThrottleHit', { numberOfKeys: 1, lua: HIT });
  }

  async increment(key: string, ttl: number, limit: number): Promise<{ totalHits: number; timeToExpire: number; isBlocked: boolean; timeToBlockExpire: number }> {
    try {
      const hit = (this.redis as unknown as { sigilloThrottleHit(key: string, ttl: string): Promise<[number, number]> }).sigilloThrottleHit;
      const [hits, ttlMs] = await hit.call(this.redis, this.prefix + key, String(ttl));
      const timeToExpire = Math.max(1, Math.ceil(ttlMs / 1000));
      const isBlocked = hits > limit;
      return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
    } catch (err) {
      if (Date.now() - this.lastWarning > WARN_EVERY_MS) {
        this.lastWarning = Date.now();
        this.logger.warn(`rate limiting suspended, Redis unreachable: ${(err as Error).message}`);
      }
      return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
