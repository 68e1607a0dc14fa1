import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS, loginRetryAfter, loginWindowStart } from './login-limit.js';

const NOW = new Date('2026-12-02T09:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe('sign-in rate limit', () => {
  it('allows up to 4 recent failures, refuses from the 5th', () => {
    expect(LOGIN_MAX_FAILURES).toBe(5);
    const four = [1, 2, 3, 4].map((m) => ago(m * 60_000));
    expect(loginRetryAfter(four, NOW)).toBe(0);
    expect(loginRetryAfter([...four, ago(10_000)], NOW)).toBeGreaterThan(0);
  });

  it('says how long until the oldest counted failure leaves the 15-minute window', () => {
    const five = [10, 8, 6, 4, 2].map((m) => ago(m * 60_000));
    expect(loginRetryAfter(five, NOW)).toBe(5 * 60);
    // More than five: allowed again once only four remain in the window.
    const seven = [14, 12, 10, 8, 6, 4, 2].map((m) => ago(m * 60_000));
    expect(loginRetryAfter(seven, NOW)).toBe(5 * 60);
  });

  it('ignores failures outside the window, whatever their order', () => {
    const old = [16, 20, 30, 40, 50].map((m) => ago(m * 60_000));
    expect(loginRetryAfter(old, NOW)).toBe(0);
    expect(loginRetryAfter([ago(1000), ...old, ago(2000), ago(3000), ago(4000), ago(5000)], NOW)).toBe(LOGIN_WINDOW_MS / 1000 - 5);
  });

  it('never answers less than a second while limited', () => {
    const edge = Array.from({ length: 5 }, () => ago(LOGIN_WINDOW_MS - 1));
    expect(loginRetryAfter(edge, NOW)).toBe(1);
  });

  it('gives the start of the window', () => {
    expect(loginWindowStart(NOW)).toEqual(ago(LOGIN_WINDOW_MS));
  });
});
