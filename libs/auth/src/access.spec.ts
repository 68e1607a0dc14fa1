import { API_ROLES, type ApiRole } from './api-role.js';
import { CSRF_REFUSED, decideAccess, type Presented, type RouteAccess } from './access.js';
import { STAFF_ROLES, type StaffRole } from './staff-role.js';

const route = (keyRoles?: ApiRole[], staffRoles?: StaffRole[]): RouteAccess => ({ keyRoles, staffRoles });

describe('the guard decision', () => {
  it('lets anything through a route that declares no role', () => {
    for (const p of [{ kind: 'none' }, { kind: 'unknown_key' }, { kind: 'dead_session' }] as Presented[])
      expect(decideAccess(route(), p, true)).toEqual({ allow: true });
  });

  it('answers 401 without credentials, with a malformed or unknown key, or a dead session', () => {
    const r = route(['admin'], ['admin']);
    expect(decideAccess(r, { kind: 'none' }, false)).toEqual({ allow: false, status: 401, message: 'sign in, or send Authorization: Bearer <key>' });
    expect(decideAccess(route(['admin']), { kind: 'none' }, false)).toEqual({
      allow: false,
      status: 401,
      message: 'missing API key: send Authorization: Bearer <key>',
    });
    expect(decideAccess(r, { kind: 'bad_key_header' }, false)).toMatchObject({ status: 401 });
    expect(decideAccess(r, { kind: 'unknown_key' }, false)).toEqual({ allow: false, status: 401, message: 'invalid API key' });
    expect(decideAccess(r, { kind: 'dead_session' }, false)).toEqual({ allow: false, status: 401, message: 'not signed in, or the session has expired' });
  });

  it('judges a key by the key roles only, for every role pair', () => {
    for (const declared of API_ROLES) {
      for (const role of API_ROLES) {
        const got = decideAccess(route([declared], ['admin', 'support', 'auditor']), { kind: 'api_key', role }, true);
        expect(got.allow).toBe(role === declared);
        if (!got.allow) expect(got).toEqual({ allow: false, status: 403, message: `this endpoint needs a ${declared} key` });
      }
    }
    expect(decideAccess(route(undefined, ['admin']), { kind: 'api_key', role: 'admin' }, false)).toEqual({
      allow: false,
      status: 403,
      message: 'this endpoint is for signed-in staff, not API keys',
    });
  });

  it('judges a session by the staff roles, for every role pair', () => {
    for (const declared of STAFF_ROLES) {
      for (const role of STAFF_ROLES) {
        const got = decideAccess(route(['admin'], [declared]), { kind: 'session', role, csrfOk: true }, true);
        expect(got.allow).toBe(role === declared);
        if (!got.allow) expect(got).toMatchObject({ status: 403 });
      }
    }
    expect(decideAccess(route(['admin']), { kind: 'session', role: 'admin', csrfOk: true }, false)).toEqual({
      allow: false,
      status: 403,
      message: 'this endpoint needs an API key',
    });
  });

  it('wants the CSRF token on writes with a session, not on reads, and never from a key', () => {
    const r = route(['admin'], ['admin', 'support', 'auditor']);
    expect(decideAccess(r, { kind: 'session', role: 'admin', csrfOk: false }, true)).toEqual({ allow: false, status: 403, message: CSRF_REFUSED });
    expect(decideAccess(r, { kind: 'session', role: 'admin', csrfOk: false }, false)).toEqual({ allow: true });
    expect(decideAccess(r, { kind: 'session', role: 'admin', csrfOk: true }, true)).toEqual({ allow: true });
    expect(decideAccess(r, { kind: 'api_key', role: 'admin' }, true)).toEqual({ allow: true });
    // A missing token is refused before the role: the refusal says nothing about what the role could do.
    expect(decideAccess(route(['admin'], ['admin']), { kind: 'session', role: 'auditor', csrfOk: false }, true)).toEqual({
      allow: false,
      status: 403,
      message: CSRF_REFUSED,
    });
  });
});
