import type { Session } from '../api/types.js';
import { can, permissionsOf } from './permissions.js';

const session = (role: Session['account']['role'], tenantId: string | null = 't1', permissions?: string[]) => ({
  account: { id: 'a', email: 'a@x', displayName: 'A', role, tenantId },
  permissions,
});

describe('console permissions', () => {
  it('admin does everything for its tenant, support reads and records consent, auditor reads', () => {
    expect([...permissionsOf(session('admin'))].sort()).toEqual([
      'changeTenantSettings',
      'editBindings',
      'erase',
      'manageApiKeys',
      'manageStaff',
      'read',
      'recordConsent',
    ]);
    expect([...permissionsOf(session('support'))].sort()).toEqual(['read', 'recordConsent']);
    expect([...permissionsOf(session('auditor'))]).toEqual(['read']);
    expect(can(session('support'), 'erase')).toBe(false);
    expect(can(session('auditor'), 'editBindings')).toBe(false);
    expect(can(session('auditor'), 'recordConsent')).toBe(false);
  });

  it('a global operator also lists tenants; the api list wins when sent; nobody signed in can nothing', () => {
    expect(can(session('admin', null), 'listTenants')).toBe(true);
    expect(can(session('admin'), 'listTenants')).toBe(false);
    expect(can(session('admin', 't1', ['read']), 'erase')).toBe(false);
    expect(can(null, 'read')).toBe(false);
  });
});
