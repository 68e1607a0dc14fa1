import type { StaffRole } from './staff-role.js';

/**
 * What each staff role may do in the console: admin everything for its tenant, support reads and
 * records consent, auditor only reads. The routes declare these sets; the console shows them.
 */
export const CONSOLE_PERMISSIONS = {
  read: ['admin', 'support', 'auditor'],
  recordConsent: ['admin', 'support'],
  erase: ['admin'],
  editBindings: ['admin'],
  manageStaff: ['admin'],
  manageApiKeys: ['admin'],
  changeTenantSettings: ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type ConsolePermission = keyof typeof CONSOLE_PERMISSIONS;

/** The permissions of a role, in the table's order; `listTenants` for a global operator (no tenant). */
export function permissionsOf(role: StaffRole, tenantId: string | null): string[] {
  const granted: string[] = Object.entries(CONSOLE_PERMISSIONS)
    .filter(([, roles]) => (roles as readonly StaffRole[]).includes(role))
    .map(([name]) => name);
  if (tenantId === null) granted.push('listTenants');
  return granted;
}
