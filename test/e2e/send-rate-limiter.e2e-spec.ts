import { Redis } from 'ioredis';
import { SendRateLimiter, type SendSlot } from '#sigillo/notifications';
import { uniqueQueuePrefix } from '../support/test-stack.js';

// Meta's limits on the real Redis: sends per second per phone number, one message per recipient
// per interval. Two limiters on two connections stand for two workers.

const NUMBER = '100000000000001';
let redis: Redis[];
let a: SendRateLimiter;
let b: SendRateLimiter;

beforeEach(() => {
  const prefix = uniqueQueuePrefix();
  redis = [new Redis('redis://127.0.0.1:6379'), new Redis('redis://127.0.0.1:6379')];
  a = new SendRateLimiter(redis[0], prefix);
  b = new SendRateLimiter(redis[1], prefix);
});

afterEach(async () => {
  await Promise.all(redis.map((r) => r.quit()));
});

const taken = (slot: SendSlot) => (slot.taken ? slot.waitMs : Number.NaN);

describe('SendRateLimiter', () => {
  it('spaces the sends of one number so that no second, sliding or not, holds more than N', async () => {
    const perSecond = 50;
    const t0 = Date.now();
    // Two workers asking at once, each for its own recipients.
    const slots = await Promise.all(Array.from({ length: 45 }, (_, i) => (i % 2 ? a : b).acquire(NUMBER, perSecond, `+3933300000${i}`, 6000, 1000)));
    expect(slots.every((s) => s.taken)).toBe(true);
    const departures = slots.map((s) => taken(s)).sort((x, y) => x - y);
    // Slots 1000 / (0.98 N) ms apart: about 20.4 ms at N = 50.
    for (let i = 1; i < departures.length; i++) expect(departures[i] - departures[i - 1]).toBeGreaterThanOrEqual(19);
    expect(departures[departures.length - 1]).toBeGreaterThanOrEqual(44 * 20);
    expect(departures[departures.length - 1]).toBeLessThanOrEqual(44 * 20.5 + (Date.now() - t0) + 5);
  });

  it('takes no slot further away than the caller will wait, and says when to ask again', async () => {
    const bursts = await Promise.all(Array.from({ length: 12 }, (_, i) => a.acquire(NUMBER, 10, `+3933311100${i}`, 6000, 1000)));
    // 10 per second at 98%: slots about 102 ms apart, so ten fit within a second.
    const within = bursts.filter((s) => s.taken);
    const later = bursts.filter((s) => !s.taken);
    expect(within).toHaveLength(10);
    expect(later).toHaveLength(2);
    for (const s of later) expect(s).toEqual({ taken: false, retryInMs: expect.any(Number) });
    expect(Math.min(...later.map((s) => (s.taken ? 0 : s.retryInMs)))).toBeGreaterThan(1000);
    // Refused ones took nothing: the next slot is still right after the tenth.
    const next = await b.acquire(NUMBER, 10, '+393331110099', 6000, 5000);
    expect(taken(next)).toBeGreaterThan(Math.max(...within.map(taken)));
    expect(taken(next)).toBeLessThan(Math.max(...within.map(taken)) + 110);
  });

  it('holds a second message to the same recipient for the interval, on every worker, until released', async () => {
    expect(await a.acquire(NUMBER, 80, '+393332220000', 6000, 1000)).toEqual({ taken: true, waitMs: 0 });
    const again = await b.acquire(NUMBER, 80, '+393332220000', 6000, 1000);
    expect(again.taken).toBe(false);
    expect(again.taken ? 0 : again.retryInMs).toBeGreaterThan(5900);
    expect(again.taken ? 0 : again.retryInMs).toBeLessThanOrEqual(6000);
    // Another recipient is not held up by it.
    expect((await b.acquire(NUMBER, 80, '+393332220001', 6000, 1000)).taken).toBe(true);
    // A send that did not reach the user gives the recipient back.
    await a.release(NUMBER, '+393332220000');
    expect((await b.acquire(NUMBER, 80, '+393332220000', 6000, 1000)).taken).toBe(true);
  });

  it('keeps each phone number on its own schedule, and no phone number in Redis keys', async () => {
    await Promise.all(Array.from({ length: 5 }, (_, i) => a.acquire(NUMBER, 1, `+39333444000${i}`, 6000, 10_000)));
    expect(taken(await a.acquire('100000000000002', 1, '+393334449999', 6000, 10_000))).toBe(0);
    const keys = await redis[0].keys('*pair*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join(' ')).not.toMatch(/3933344/);
  });
});
