import { idleCutoff, isWrite, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionAlive, sessionExpiresAt } from './session-policy.js';

const T0 = new Date('2026-12-02T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe('session expiry', () => {
  it('ends 30 minutes after the last request and 12 hours after sign-in', () => {
    expect(SESSION_IDLE_MS).toBe(30 * 60_000);
    expect(SESSION_ABSOLUTE_MS).toBe(12 * 3600_000);
    expect(sessionExpiresAt(T0)).toEqual(at(SESSION_ABSOLUTE_MS));
  });

  it('is alive while used within the idle time, until the absolute end', () => {
    const s = { lastSeenAt: T0, expiresAt: sessionExpiresAt(T0) };
    expect(sessionAlive(s, at(SESSION_IDLE_MS - 1))).toBe(true);
    expect(sessionAlive(s, at(SESSION_IDLE_MS))).toBe(false);
    const busy = { lastSeenAt: at(SESSION_ABSOLUTE_MS - 1000), expiresAt: sessionExpiresAt(T0) };
    expect(sessionAlive(busy, at(SESSION_ABSOLUTE_MS - 1))).toBe(true);
    expect(sessionAlive(busy, at(SESSION_ABSOLUTE_MS))).toBe(false);
  });

  it('gives the idle cutoff the lookup uses', () => {
    expect(idleCutoff(at(SESSION_IDLE_MS))).toEqual(T0);
  });

  it('counts every method but GET, HEAD and OPTIONS as a write', () => {
    for (const m of ['GET', 'head', 'OPTIONS']) expect(isWrite(m)).toBe(false);
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) expect(isWrite(m)).toBe(true);
  });
});
