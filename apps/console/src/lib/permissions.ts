// What the signed-in account may do, to hide or disable what it may not (the api refuses anyway).
// The table mirrors libs/auth's CONSOLE_PERMISSIONS; the api's own list wins when the session carries one.
import type { Session, StaffRole } from '../api/types.js';

const BY_ROLE: Record<StaffRole, readonly string[]> = {
  admin: ['read', 'recordConsent', 'erase', 'editBindings', 'manageStaff', 'manageApiKeys', 'changeTenantSettings'],
  support: ['read', 'recordConsent'],
  auditor: ['read'],
};

export type Permission = 'read' | 'recordConsent' | 'erase' | 'editBindings' | 'manageStaff' | 'manageApiKeys' | 'changeTenantSettings' | 'listTenants';

export function permissionsOf(session: Pick<Session, 'account' | 'permissions'>): Set<string> {
  if (session.permissions) return new Set(session.permissions);
  const granted = [...(BY_ROLE[session.account.role] ?? [])];
  if (session.account.tenantId === null) granted.push('listTenants');
  return new Set(granted);
}

export function can(session: Pick<Session, 'account' | 'permissions'> | null, permission: Permission): boolean {
  return session !== null && permissionsOf(session).has(permission);
}
