import { DEFAULT_PACE_POLICY, onThrottled, pacedRate, recovered, stateTtlMs, type PaceState } from './send-pacing.js';

const P = DEFAULT_PACE_POLICY;
const T = 1_000_000;

describe('pacedRate', () => {
  it('is the configured rate without state', () => {
    expect(pacedRate(null, 80, T)).toBe(80);
  });

  it('climbs back by recoveryPerSecond and never above the configured rate', () => {
    const s: PaceState = { rate: 40, at: T, strikes: 0, strikesSince: T, cutAt: T };
    expect(pacedRate(s, 80, T)).toBe(40);
    expect(pacedRate(s, 80, T + 10_000)).toBe(50);
    expect(pacedRate(s, 80, T + 40_000)).toBe(80);
    expect(pacedRate(s, 80, T + 400_000)).toBe(80);
  });

  it('treats a clock behind the state as no time passed', () => {
    expect(pacedRate({ rate: 10, at: T, strikes: 0, strikesSince: T, cutAt: T }, 80, T - 5_000)).toBe(10);
  });

  it('follows a configured rate lowered below the state (a number switched to coexistence)', () => {
    expect(pacedRate({ rate: 60, at: T, strikes: 0, strikesSince: T, cutAt: T }, 20, T)).toBe(20);
  });

  it('never goes under minRate, nor above a configured rate smaller than it', () => {
    expect(pacedRate({ rate: 0.1, at: T, strikes: 0, strikesSince: T, cutAt: T }, 80, T)).toBe(1);
    expect(pacedRate({ rate: 0.1, at: T, strikes: 0, strikesSince: T, cutAt: T }, 0.5, T)).toBe(0.5);
  });
});

describe('onThrottled', () => {
  it('counts a first 130429 without slowing down: one may be a burst at a slot edge', () => {
    expect(onThrottled(null, 80, T)).toEqual({ rate: 80, at: T, strikes: 1, strikesSince: T, cutAt: 0 });
  });

  it('halves the rate at the second 130429 within the window, and resets the count', () => {
    const once = onThrottled(null, 80, T);
    expect(onThrottled(once, 80, T + 500)).toEqual({ rate: 40, at: T + 500, strikes: 0, strikesSince: T + 500, cutAt: T + 500 });
  });

  it('forgets a strike older than the window', () => {
    const once = onThrottled(null, 80, T);
    expect(onThrottled(once, 80, T + P.strikeWindowMs + 1)).toMatchObject({ rate: 80, strikes: 1, strikesSince: T + P.strikeWindowMs + 1 });
  });

  it('does not cut twice within the cooldown (sends in flight at the first cut are refused too)', () => {
    let s = onThrottled(onThrottled(null, 80, T), 80, T + 1); // cut to 40 at T+1
    s = onThrottled(s, 80, T + 100);
    s = onThrottled(s, 80, T + 200);
    expect(s.rate).toBeCloseTo(40.199, 5); // recovered 199 ms worth, not cut
    expect(s.strikes).toBe(2);
    s = onThrottled(s, 80, T + 1 + P.cooldownMs);
    expect(s.rate).toBeCloseTo((40 + P.cooldownMs / 1000) / 2, 5);
    expect(s.cutAt).toBe(T + 1 + P.cooldownMs);
  });

  it('settles where cuts and recovery meet under sustained throttling (a 130429 every second: 2/s)', () => {
    let s: PaceState | null = null;
    let now = T;
    for (let i = 0; i < 40; i++) {
      s = onThrottled(s, 80, now);
      now += P.cooldownMs;
    }
    expect(s!.rate).toBeGreaterThanOrEqual(P.minRate);
    expect(pacedRate(s, 80, now)).toBeLessThan(3.1);
  });

  it('never cuts under minRate', () => {
    const s: PaceState = { rate: 1.5, at: T, strikes: 1, strikesSince: T, cutAt: 0 };
    expect(onThrottled(s, 80, T).rate).toBe(P.minRate);
  });

  it('cuts from the recovered rate, not the stale one', () => {
    const s: PaceState = { rate: 20, at: T, strikes: 1, strikesSince: T + 50_000, cutAt: T };
    expect(onThrottled(s, 80, T + 50_000).rate).toBe(35); // 20 + 50 s * 1/s = 70, halved
  });
});

describe('recovered and stateTtlMs', () => {
  it('is recovered once back at the configured rate and the strikes have expired', () => {
    const s: PaceState = { rate: 40, at: T, strikes: 0, strikesSince: T, cutAt: T };
    expect(recovered(s, 80, T + 39_000)).toBe(false);
    expect(recovered(s, 80, T + 40_000)).toBe(true);
    const striking: PaceState = { rate: 80, at: T, strikes: 1, strikesSince: T, cutAt: 0 };
    expect(recovered(striking, 80, T + 1_000)).toBe(false);
    expect(recovered(striking, 80, T + P.strikeWindowMs + 1)).toBe(true);
  });

  it('keeps the state in Redis as long as it matters, and a second more', () => {
    expect(stateTtlMs({ rate: 40, at: T, strikes: 0, strikesSince: T, cutAt: T }, 80)).toBe(41_000);
    expect(stateTtlMs({ rate: 80, at: T, strikes: 1, strikesSince: T, cutAt: 0 }, 80)).toBe(P.strikeWindowMs + 1000);
  });
});
