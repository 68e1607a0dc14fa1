import { tenantScope } from './tenant-scope.js';

const A = '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b';
const B = '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b';

describe('the tenant a call acts on', () => {
  it("is a tenant account's own, named or not", () => {
    for (const requested of [undefined, '', A, A.toUpperCase(), [A]]) expect(tenantScope(A, requested)).toEqual({ ok: true, tenantId: A });
  });

  it('is 404 when a tenant account names another tenant, as if it did not exist', () => {
    for (const requested of [B, 'not-a-uuid', 7, [B]])
      expect(tenantScope(A, requested)).toEqual({ ok: false, status: 404, field: 'tenant', message: 'tenant not found' });
  });

  it('is the one a global operator names', () => {
    expect(tenantScope(null, B)).toEqual({ ok: true, tenantId: B });
    expect(tenantScope(null, B.toUpperCase())).toEqual({ ok: true, tenantId: B });
  });

  it('is a 400 naming the field when a global operator names none or something else', () => {
    expect(tenantScope(null, undefined)).toMatchObject({ ok: false, status: 400, field: 'tenant' });
    expect(tenantScope(null, '')).toMatchObject({ ok: false, status: 400, field: 'tenant' });
    expect(tenantScope(null, 'shop')).toEqual({ ok: false, status: 400, field: 'tenant', message: 'must be a tenant id (a UUID)' });
    expect(tenantScope(null, 42)).toMatchObject({ ok: false, status: 400 });
  });
});
