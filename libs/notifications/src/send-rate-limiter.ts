import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { onThrottled, pacedRate, stateTtlMs, type PaceState } from './send-pacing.js';

// One round trip. First the pair limit: the same recipient too soon waits its remaining time.
// Then the sender's schedule: sends get slots 1000/N ms apart, so no second, fixed or sliding,
// holds more than N of them (per-second windows let 2N through across a boundary, and Meta
// answers the excess with 130429). The slots run 2% under N: a send leaves a few ms after its
// slot, and that jitter alone tripped the limit on 1% of sends at 1,000/s (bench). A slot within
// `maxWaitMs` is taken, and the recipient's with it; a later one is not, and the caller asks again
// when it would be free. Redis' own clock keeps every worker on one schedule.
const ACQUIRE = `
local pttl = redis.call('PTTL', KEYS[2])
if pttl > 0 then return {0, pttl} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local slot = tonumber(redis.call('GET', KEYS[1]) or '0')
if slot < now then slot = now end
local wait = slot - now
if wait > tonumber(ARGV[3]) then return {0, math.ceil(wait)} end
local spacing = 1000 / (tonumber(ARGV[1]) * 0.98)
redis.call('SET', KEYS[1], string.format('%.3f', slot + spacing), 'PX', math.ceil(wait + spacing) + 1000)
if tonumber(ARGV[2]) > 0 then redis.call('SET', KEYS[2], '1', 'PX', math.ceil(wait) + tonumber(ARGV[2])) end
return {1, math.ceil(wait)}
`;

// A worker reads a number's pace at most this often: a cut reaches every worker within it.
const PACE_CACHE_MS = 250;

/** A slot taken: send after `waitMs`. Or none: ask again after `retryInMs`. */
export type SendSlot = { taken: true; waitMs: number } | { taken: false; retryInMs: number };

/**
 * Meta's limits, shared by every worker through Redis: messages per second per phone number id,
 * and about one message per 6 s to the same recipient. Later sends are delayed, never dropped.
 */
export class SendRateLimiter {
  private readonly paces = new Map<string, { state: PaceState | null; readAt: number }>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    // EVALSHA: the script travels once, not with every send.
    redis.defineCommand('sigilloAcquireSendSlot', { numberOfKeys: 2, lua: ACQUIRE });
  }

  /** The next free slot of the phone number, taken when it is at most `maxWaitMs` away. */
  async acquire(phoneNumberId: string, perSecond: number, recipient: string, recipientIntervalMs: number, maxWaitMs: number): Promise<SendSlot> {
    const acquire = (this.redis as unknown as { sigilloAcquireSendSlot(...args: (string | number)[]): Promise<[number, number]> }).sigilloAcquireSendSlot;
    const [taken, ms] = await acquire.call(
      this.redis,
      `${this.prefix}:rate:${phoneNumberId}`,
      this.pairKey(phoneNumberId, recipient),
      perSecond,
      recipientIntervalMs,
      maxWaitMs,
    );
    return taken === 1 ? { taken: true, waitMs: Number(ms) } : { taken: false, retryInMs: Number(ms) };
  }

  /**
   * The rate to schedule the number at now: its configured throughput, or less after repeated
   * 130429 (send-pacing.ts), climbing back over time.
   */
  async rateFor(phoneNumberId: string, configured: number): Promise<number> {
    const now = Date.now();
    let cached = this.paces.get(phoneNumberId);
    if (!cached || now - cached.readAt >= PACE_CACHE_MS) {
      cached = { state: parsePace(await this.redis.get(this.paceKey(phoneNumberId))), readAt: now };
      this.paces.set(phoneNumberId, cached);
    }
    return pacedRate(cached.state, configured, now);
  }

  /**
   * Meta answered 130429 for this number: counted, and the number's pace cut when it repeats.
   * Read-modify-write without a lock: two workers throttled at the same moment may each count one
   * strike where one cut would do, which the cooldown absorbs.
   */
  async throttled(phoneNumberId: string, configured: number): Promise<{ before: number; after: number }> {
    const now = Date.now();
    const key = this.paceKey(phoneNumberId);
    const state = parsePace(await this.redis.get(key));
    const next = onThrottled(state, configured, now);
    await this.redis.set(key, JSON.stringify(next), 'PX', stateTtlMs(next, configured));
    this.paces.set(phoneNumberId, { state: next, readAt: now });
    return { before: pacedRate(state, configured, now), after: pacedRate(next, configured, now) };
  }

  /** A send that did not reach the user gives its recipient slot back, so its retry is not held up. */
  async release(phoneNumberId: string, recipient: string): Promise<void> {
    await this.redis.del(this.pairKey(phoneNumberId, recipient));
  }

  private paceKey(phoneNumberId: string): string {
    return `${this.prefix}:pace:${phoneNumberId}`;
  }

  private pairKey(phoneNumberId: string, recipient: string): string {
    // Recipients are hashed: no phone number in Redis keys.
    const who = createHash('sha256').update(recipient).digest('hex').slice(0, 32);
    return `${this.prefix}:pair:${phoneNumberId}:${who}`;
  }
}

function parsePace(text: string | null): PaceState | null {
  if (text === null) return null;
  try {
    const s = JSON.parse(text) as PaceState;
    return [s.rate, s.at, s.strikes, s.strikesSince, s.cutAt].every((n) => typeof n === 'number' && Number.isFinite(n)) ? s : null;
  } catch {
    return null;
  }
}
