import { createHash, createHmac } from 'node:crypto';
import { toHex } from './bytes.js';
import { erasureReceipt, subjectRef } from './subject.js';

const TENANT = '6f1c2a4e-8d3b-4c55-9a10-0b7e2f3d4c5a';

describe('subjectRef', () => {
  it('is SHA-256 of "sigillo.subject.v1\\n<tenant>\\n<E.164>": the formula the erasure migration uses in SQL', () => {
    const expected = createHash('sha256').update(`sigillo.subject.v1\n${TENANT}\n+393331234567`).digest('hex');
    expect(toHex(subjectRef(TENANT, '+393331234567'))).toBe(expected);
  });

  it('does not depend on how the tenant id is cased, and differs between tenants and numbers', () => {
    expect(subjectRef(TENANT.toUpperCase(), '+393331234567')).toEqual(subjectRef(TENANT, '+393331234567'));
    expect(subjectRef(TENANT, '+393331234567')).not.toEqual(subjectRef('00000000-0000-4000-8000-000000000000', '+393331234567'));
    expect(subjectRef(TENANT, '+393331234567')).not.toEqual(subjectRef(TENANT, '+393331234568'));
  });

  it('takes E.164 only, so one person never gets two references', () => {
    expect(() => subjectRef(TENANT, '3331234567')).toThrow(TypeError);
    expect(() => subjectRef(TENANT, '+39 333 1234567')).toThrow(TypeError);
  });
});

describe('erasureReceipt', () => {
  it('is an HMAC keyed with fresh random bytes: unlinkable without the key, checkable with it', () => {
    const a = erasureReceipt(TENANT, '+393331234567');
    const b = erasureReceipt(TENANT, '+393331234567');
    expect(a.key).toHaveLength(32);
    expect(a.reference).not.toEqual(b.reference);
    const check = createHmac('sha256', a.key).update(`sigillo.subject-erased.v1\n${TENANT}\n+393331234567`).digest();
    expect(toHex(a.reference)).toBe(check.toString('hex'));
    expect(erasureReceipt(TENANT, '+393331234567', a.key).reference).toEqual(a.reference);
    expect(erasureReceipt(TENANT, '+393331234568', a.key).reference).not.toEqual(a.reference);
  });
});
