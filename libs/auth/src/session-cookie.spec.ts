import { clearedSessionCookie, isHttps, parseCookies, sessionCookie, sessionToken } from './session-cookie.js';

const TOKEN = 'A'.repeat(43);

describe('the session cookie', () => {
  it('parses a Cookie header, first of a repeated name winning, quotes removed', () => {
    expect([...parseCookies('a=1; b = 2 ;c="3"; a=9; novalue; =x')]).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    expect(parseCookies(undefined).size).toBe(0);
    expect(parseCookies('').size).toBe(0);
  });

  it('takes only a token shaped as we issue them', () => {
    expect(sessionToken({ cookie: `theme=dark; sigillo_session=${TOKEN}` })).toBe(TOKEN);
    for (const bad of ['short', `${TOKEN}!`, 'x'.repeat(101), '']) expect(sessionToken({ cookie: `sigillo_session=${bad}` })).toBeNull();
    expect(sessionToken({})).toBeNull();
  });

  it('is HttpOnly, SameSite=Strict, Path=/, and Secure only under HTTPS', () => {
    expect(sessionCookie(TOKEN, false)).toBe(`sigillo_session=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
    expect(sessionCookie(TOKEN, true)).toBe(`sigillo_session=${TOKEN}; HttpOnly; SameSite=Strict; Path=/; Secure`);
    expect(clearedSessionCookie(true)).toMatch(/^sigillo_session=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0; .*; Secure$/);
    expect(clearedSessionCookie(false)).not.toContain('Secure');
  });

  it('knows HTTPS from TLS or from the first X-Forwarded-Proto', () => {
    expect(isHttps({}, true)).toBe(true);
    expect(isHttps({}, false)).toBe(false);
    expect(isHttps({ 'x-forwarded-proto': 'https' }, false)).toBe(true);
    expect(isHttps({ 'x-forwarded-proto': 'HTTPS, http' }, false)).toBe(true);
    expect(isHttps({ 'x-forwarded-proto': 'http, https' }, false)).toBe(false);
    expect(isHttps({ 'x-forwarded-proto': ['https'] as unknown as string }, false)).toBe(true);
  });
});
