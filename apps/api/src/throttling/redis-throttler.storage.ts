import { Injectable, Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { BaseConfig, RedisService } from '#sigillo/platform';

// A fixed window per key: the first reservation starts it, Redis expires it. ARGV[2] hits are
// reserved at once; the answer is the window's count after them and the time it has left.
const RESERVE = `
local hits = redis.call('INCRBY', KEYS[1], ARGV[2])
if hits == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }`;

const WARN_EVERY_MS = 60_000;
const MAX_LEASE = 100;
const MAX_KEYS = 10_000;

export interface ThrottleResult {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

/** Hits this replica reserved from a key's window in Redis and spends locally. */
interface Lease {
  windowEndsAt: number;
  /** The window's count in Redis before this lease, as far as this replica knows. */
  before: number;
  granted: number;
  used: number;
  /** The reservation still travelling to Redis; hits arriving meanwhile wait for it. */
  pending: Promise<void> | null;
}

/**
 * Hit counts in Redis, so every api replica draws on the same budget per key. A replica reserves
 * hits in leases of limit/100 (at most 100) and spends them locally, so a busy key costs one Redis
 * round trip per lease instead of one per request. What a replica reserved and did not spend by the
 * window's end is lost to the others: at most 1% of the limit per replica, and exact for limits up
 * to 199 (leases of one). A key over its limit stays refused until its window ends. When Redis is
 * unreachable requests are let through: the limit protects the service, and refusing every event
 * because a counter is away would not.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly prefix: string;
  private readonly leases = new Map<string, Lease>();
  private lastWarning = 0;

  constructor(
    private readonly redis: RedisService,
    config: BaseConfig,
  ) {
    this.prefix = `${config.QUEUE_PREFIX}:rate-limit:`;
    // EVALSHA: the script travels once, not with every reservation.
    redis.defineCommand('sigilloThrottleReserve', { numberOfKeys: 1, lua: RESERVE });
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottleResult> {
    for (;;) {
      const lease = this.leases.get(key);
      if (lease?.pending) {
        await lease.pending.catch(() => undefined); // its reserver handles the failure
        continue;
      }
      const now = Date.now();
      if (lease && now < lease.windowEndsAt) {
        if (lease.used < lease.granted) return this.answer(lease, ++lease.used, limit, now);
        // Over the limit: refused locally until the window ends, without asking Redis again.
        if (lease.before + lease.granted >= limit) return this.answer(lease, limit + 1, limit, now);
      }
      const next: Lease = { windowEndsAt: 0, before: 0, granted: 0, used: 0, pending: null };
      next.pending = this.reserve(key, ttl, leaseSize(limit), limit, next).finally(() => (next.pending = null));
      if (this.leases.size >= MAX_KEYS) this.leases.clear();
      this.leases.set(key, next);
      try {
        await next.pending;
      } catch (err) {
        this.leases.delete(key);
        this.warn(err as Error);
        return { totalHits: 0, timeToExpire: Math.ceil(ttl / 1000), isBlocked: false, timeToBlockExpire: 0 };
      }
    }
  }

  private async reserve(key: string, ttl: number, size: number, limit: number, lease: Lease): Promise<void> {
    const reserveHits = (this.redis as unknown as { sigilloThrottleReserve(key: string, ttl: string, n: string): Promise<[number, number]> })
      .sigilloThrottleReserve;
    const [hits, ttlMs] = await reserveHits.call(this.redis, this.prefix + key, String(ttl), String(size));
    lease.windowEndsAt = Date.now() + ttlMs;
    lease.before = hits - size;
    // Only what is left under the limit is spendable; the rest of an over-limit lease just counts.
    lease.granted = Math.max(0, Math.min(size, limit - lease.before));
  }

  private answer(lease: Lease, usedOrOver: number, limit: number, now: number): ThrottleResult {
    const timeToExpire = Math.max(1, Math.ceil((lease.windowEndsAt - now) / 1000));
    const totalHits = usedOrOver > lease.granted ? Math.max(limit + 1, lease.before + 1) : lease.before + usedOrOver;
    const isBlocked = totalHits > limit;
    return { totalHits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }

  private warn(err: Error): void {
    if (Date.now() - this.lastWarning > WARN_EVERY_MS) {
      this.lastWarning = Date.now();
      this.logger.warn(`rate limiting suspended, Redis unreachable: ${err.message}`);
    }
  }
}

/** Hits reserved per trip to Redis: 1% of the limit, between 1 and MAX_LEASE. */
export function leaseSize(limit: number): number {
  return Math.max(1, Math.min(MAX_LEASE, Math.floor(limit / 100)));
}
