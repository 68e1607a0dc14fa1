import { decideRestart, DEV_RESTART_POLICY, type RestartPolicy } from './restart-policy.js';

const POLICY: RestartPolicy = { maxCrashes: 5, windowMs: 60_000, firstDelayMs: 500, maxDelayMs: 8_000 };
const T = 1_000_000;

describe('decideRestart', () => {
  it('restarts the first crash after the first delay', () => {
    expect(decideRestart([], T, POLICY)).toEqual({ restart: true, delayMs: 500, crashesInWindow: 1, recentCrashes: [T] });
  });

  it('doubles the delay with each crash within the window', () => {
    const delays: number[] = [];
    let crashes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const d = decideRestart(crashes, T + i * 1_000, POLICY);
      expect(d.restart).toBe(true);
      if (d.restart) delays.push(d.delayMs);
      crashes = d.recentCrashes;
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('gives up at the fifth crash within a minute', () => {
    const d = decideRestart([T, T + 1_000, T + 2_000, T + 3_000], T + 4_000, POLICY);
    expect(d).toEqual({ restart: false, crashesInWindow: 5, recentCrashes: [T, T + 1_000, T + 2_000, T + 3_000, T + 4_000] });
  });

  it('forgets crashes older than the window, and starts the backoff again', () => {
    const d = decideRestart([T, T + 1_000, T + 2_000, T + 3_000], T + 61_500, POLICY);
    expect(d).toEqual({ restart: true, delayMs: 2_000, crashesInWindow: 3, recentCrashes: [T + 2_000, T + 3_000, T + 61_500] });
    // A crash exactly one window ago is out of it.
    expect(decideRestart([T], T + 60_000, POLICY)).toMatchObject({ restart: true, crashesInWindow: 1, recentCrashes: [T + 60_000] });
    // Just inside it counts.
    expect(decideRestart([T + 1], T + 60_000, POLICY)).toMatchObject({ restart: true, crashesInWindow: 2 });
  });

  it('caps the delay', () => {
    const many: RestartPolicy = { ...POLICY, maxCrashes: 20 };
    const crashes = Array.from({ length: 10 }, (_, i) => T + i);
    expect(decideRestart(crashes, T + 10, many)).toMatchObject({ restart: true, delayMs: 8_000, crashesInWindow: 11 });
  });

  it('ignores timestamps from the future (a clock step backwards) rather than counting them', () => {
    expect(decideRestart([T + 5_000], T, POLICY)).toEqual({ restart: true, delayMs: 500, crashesInWindow: 1, recentCrashes: [T] });
  });

  it('with maxCrashes 1 never restarts', () => {
    expect(decideRestart([], T, { ...POLICY, maxCrashes: 1 })).toEqual({ restart: false, crashesInWindow: 1, recentCrashes: [T] });
  });

  it('defaults to five crashes a minute, from half a second up to eight', () => {
    expect(DEV_RESTART_POLICY).toEqual(POLICY);
    expect(decideRestart([], T)).toMatchObject({ restart: true, delayMs: 500 });
  });
});
