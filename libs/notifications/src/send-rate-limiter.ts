import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

// One round trip: first the pair limit (same recipient too soon → wait its remaining time), then
// the sender's per-second window (full → wait for the next second); only a send that passes both
// takes the recipient's slot. Redis' own clock keeps several workers in one window.
const ACQUIRE = `
local pttl = redis.call('PTTL', KEYS[2])
if pttl > 0 then return pttl end
local t = redis.call('TIME')
local ms = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local key = KEYS[1] .. ':' .. math.floor(ms / 1000)
local n = redis.call('INCR', key)
if n == 1 then redis.call('PEXPIRE', key, 2000) end
if n > tonumber(ARGV[1]) then return 1000 - (ms % 1000) end
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[2], '1', 'PX', ARGV[2]) end
return 0
`;

/**
 * Meta's limits, shared by every worker through Redis: messages per second per phone number id,
 * and about one message per 6 s to the same recipient. Later sends are delayed, never dropped.
 */
export class SendRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    // EVALSHA: the script travels once, not with every send.
    redis.defineCommand('sigilloAcquireSend', { numberOfKeys: 2, lua: ACQUIRE });
  }

  /** 0 when the send may go now; otherwise how many ms to wait before asking again. */
  async acquire(phoneNumberId: string, perSecond: number, recipient: string, recipientIntervalMs: number): Promise<number> {
    const acquire = (this.redis as unknown as { sigilloAcquireSend(...args: (string | number)[]): Promise<number> }).sigilloAcquireSend;
    const wait = await acquire.call(this.redis, `${this.prefix}:rate:${phoneNumberId}`, this.pairKey(phoneNumberId, recipient), perSecond, recipientIntervalMs);
    return Number(wait);
  }

  /** A send that did not reach the user gives its recipient slot back, so its retry is not held up. */
  async release(phoneNumberId: string, recipient: string): Promise<void> {
    await this.redis.del(this.pairKey(phoneNumberId, recipient));
  }

  private pairKey(phoneNumberId: string, recipient: string): string {
    // Recipients are hashed: no phone number in Redis keys.
    const who = createHash('sha256').update(recipient).digest('hex').slice(0, 32);
    return `${this.prefix}:pair:${phoneNumberId}:${who}`;
  }
}
