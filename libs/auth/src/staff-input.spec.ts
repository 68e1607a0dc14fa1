import { checkNewStaff, checkSignIn, normalizeEmail } from './staff-input.js';

const GOOD = { email: ' Anna.Rossi@Shop.IT ', displayName: ' Anna Rossi ', role: 'support', password: 'a long enough password' };

describe('a new staff account', () => {
  it('is accepted with its e-mail lower-cased and trimmed', () => {
    expect(checkNewStaff(GOOD)).toEqual({
      ok: true,
      value: { email: 'anna.rossi@shop.it', displayName: 'Anna Rossi', role: 'support', password: 'a long enough password' },
    });
  });

  it('names every bad field', () => {
    expect(checkNewStaff({ email: 'nope', displayName: '', role: 'owner', password: 'short', extra: 1 })).toEqual({
      ok: false,
      errors: [
        { field: 'extra', message: 'is not a field of a staff account' },
        { field: 'email', message: 'must be an e-mail address' },
        { field: 'displayName', message: 'must be 1 to 120 characters' },
        { field: 'role', message: 'must be one of admin, support, auditor' },
        { field: 'password', message: 'must be at least 12 characters' },
      ],
    });
  });

  it('refuses what is not an object', () => {
    for (const body of [null, [], 'x', 3]) expect(checkNewStaff(body)).toEqual({ ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] });
  });
});

describe('the sign-in form', () => {
  it('takes a tenant (or none, for a global operator), an e-mail and a password', () => {
    expect(checkSignIn({ tenant: ' shop ', email: 'A@B.IT', password: 'pw' })).toEqual({
      ok: true,
      value: { tenant: 'shop', email: 'a@b.it', password: 'pw' },
    });
    expect(checkSignIn({ email: 'a@b.it', password: 'pw' })).toEqual({ ok: true, value: { tenant: null, email: 'a@b.it', password: 'pw' } });
  });

  it('names each malformed field', () => {
    expect(checkSignIn({ tenant: 5, email: '', password: '', remember: true })).toEqual({
      ok: false,
      errors: [
        { field: 'remember', message: 'is not a field of the sign-in' },
        { field: 'tenant', message: 'must be a tenant id or name, or left out for a global operator' },
        { field: 'email', message: 'must be an e-mail address' },
        { field: 'password', message: 'must be given (at most 256 characters)' },
      ],
    });
    expect(checkSignIn(undefined)).toMatchObject({ ok: false });
  });

  it('normalises e-mails the same way everywhere', () => {
    expect(normalizeEmail('  X@Y.Z ')).toBe('x@y.z');
  });
});
