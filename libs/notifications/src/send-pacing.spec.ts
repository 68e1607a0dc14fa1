import { DEFAULT_PACE_POLICY, onThrottled, pacedRate, recovered, recoveryPerSecond, stateTtlMs, type PaceState } from './send-pacing.js';

const P = DEFAULT_PACE_POLICY;
const T = 1_000_000;
const state = (rate: number, more: Partial<PaceState> = {}): PaceState => ({ rate, at: T, strikes: 0, strikesSince: T, cutAt: T, ...more });

/** `count` 130429s `everyMs` apart from `from`, at configured rate `configured`. */
function throttle(count: number, configured: number, from: number, everyMs: number, s: PaceState | null = null): PaceState {
  for (let i = 0; i < count; i++) s = onThrottled(s, configured, from + i * everyMs);
  return s!;
}

describe('recoveryPerSecond', () => {
  it('is a share of the configured rate, at least minRecoveryPerSecond', () => {
    expect(recoveryPerSecond(1000)).toBeCloseTo(1000 / 30, 9);
    expect(recoveryPerSecond(90)).toBe(3);
    expect(recoveryPerSecond(20)).toBe(1);
    expect(recoveryPerSecond(5)).toBe(1);
  });
});

describe('pacedRate', () => {
  it('is the configured rate without state', () => {
    expect(pacedRate(null, 80, T)).toBe(80);
  });

  it('climbs back linearly and never above the configured rate', () => {
    const s = state(45);
    expect(pacedRate(s, 90, T)).toBe(45);
    expect(pacedRate(s, 90, T + 5_000)).toBe(60);
    expect(pacedRate(s, 90, T + 15_000)).toBe(90);
    expect(pacedRate(s, 90, T + 400_000)).toBe(90);
  });

  it('treats a clock behind the state as no time passed', () => {
    expect(pacedRate(state(10), 80, T - 5_000)).toBe(10);
  });

  it('follows a configured rate lowered below the state (a number switched to coexistence)', () => {
    expect(pacedRate(state(60), 20, T)).toBe(20);
  });

  it('never goes under minRate, nor above a configured rate smaller than it', () => {
    expect(pacedRate(state(0.1), 80, T)).toBe(1);
    expect(pacedRate(state(0.1), 0.5, T)).toBe(0.5);
  });
});

describe('onThrottled', () => {
  it('counts a stray 130429 without slowing down (a send at its slot edge)', () => {
    expect(onThrottled(null, 80, T)).toEqual({ rate: 80, at: T, strikes: 1, strikesSince: T, cutAt: 0 });
    expect(throttle(2, 80, T, 100)).toMatchObject({ rate: 80, strikes: 2 });
  });

  it('halves the rate at the third 130429 within a second, and resets the count', () => {
    expect(throttle(3, 80, T, 100)).toEqual({ rate: 40, at: T + 200, strikes: 0, strikesSince: T + 200, cutAt: T + 200 });
  });

  it('forgets strikes older than the window: sporadic 130429s never slow the number', () => {
    expect(throttle(50, 1000, T, P.strikeWindowMs / 2 + 1)).toMatchObject({ rate: 1000, strikes: 2 });
  });

  it('does not cut twice within the cooldown (sends in flight at the first cut are refused too)', () => {
    const cut = throttle(3, 80, T, 1); // 40 at T+2
    const more = throttle(10, 80, T + 10, 10, cut);
    expect(more.cutAt).toBe(T + 2);
    expect(more.rate).toBeCloseTo(40 + (98 / 1000) * recoveryPerSecond(80), 6); // recovered since the cut at T+2, not cut again
    const again = throttle(3, 80, T + 2 + P.cooldownMs, 1, more);
    expect(again.cutAt).toBeGreaterThanOrEqual(T + 2 + P.cooldownMs);
    expect(again.rate).toBeLessThan(21.5);
  });

  it('under sustained overload comes down to what Meta admits within a few seconds', () => {
    // Meta admits 5/s; every second the sends above it are refused, 10 at a time.
    let s: PaceState | null = null;
    let now = T;
    for (let second = 0; second < 6; second++) {
      if (pacedRate(s, 80, now) > 5) s = throttle(10, 80, now, 20, s);
      now += 1000;
    }
    expect(pacedRate(s, 80, now)).toBeLessThanOrEqual(10);
    expect(pacedRate(s, 80, now)).toBeGreaterThanOrEqual(P.minRate);
  });

  it('never cuts under minRate', () => {
    expect(onThrottled(state(1.5, { strikes: 2, cutAt: 0 }), 80, T).rate).toBe(P.minRate);
  });

  it('cuts from the recovered rate, not the stale one', () => {
    const s = state(20, { strikes: 2, strikesSince: T + 10_000, cutAt: T });
    // 20 + 10 s * 3/s = 50 at 90/s configured, halved.
    expect(onThrottled(s, 90, T + 10_000).rate).toBe(25);
  });
});

describe('recovered and stateTtlMs', () => {
  it('is recovered once back at the configured rate and the strikes have expired', () => {
    expect(recovered(state(45), 90, T + 14_000)).toBe(false);
    expect(recovered(state(45), 90, T + 15_000)).toBe(true);
    const striking = state(90, { strikes: 1, cutAt: 0 });
    expect(recovered(striking, 90, T + 500)).toBe(false);
    expect(recovered(striking, 90, T + P.strikeWindowMs + 1)).toBe(true);
  });

  it('keeps the state in Redis as long as it matters, and a second more', () => {
    expect(stateTtlMs(state(45), 90)).toBe(16_000);
    expect(stateTtlMs(state(90, { strikes: 1, cutAt: 0 }), 90)).toBe(P.strikeWindowMs + 1000);
  });
});
