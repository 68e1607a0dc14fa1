import { CONSOLE_PERMISSIONS, permissionsOf } from './console-permissions.js';

describe('what each staff role may do', () => {
  it('admin does everything for its tenant, support reads and records consent, auditor only reads', () => {
    const tenant = '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b';
    expect(permissionsOf('admin', tenant)).toEqual(['read', 'recordConsent', 'erase', 'editBindings', 'manageStaff', 'manageApiKeys', 'changeTenantSettings']);
    expect(permissionsOf('support', tenant)).toEqual(['read', 'recordConsent']);
    expect(permissionsOf('auditor', tenant)).toEqual(['read']);
  });

  it('a global operator may also list tenants', () => {
    expect(permissionsOf('admin', null)).toContain('listTenants');
    expect(permissionsOf('auditor', null)).toEqual(['read', 'listTenants']);
  });

  it('every permission is open to admin and nothing to nobody', () => {
    for (const roles of Object.values(CONSOLE_PERMISSIONS)) {
      expect(roles).toContain('admin');
      expect(roles.length).toBeGreaterThan(0);
    }
  });
});
