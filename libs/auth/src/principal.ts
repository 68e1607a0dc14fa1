import type { LedgerActor } from '#sigillo/ledger';
import type { ApiRole } from './api-role.js';
import type { StaffRole } from './staff-role.js';

/** An API key that authenticated a request. */
export interface KeyPrincipal {
  kind: 'api_key';
  keyId: string;
  role: ApiRole;
  /** Null for a deployment-wide key. */
  tenantId: string | null;
}

/** A staff account signed in to the console. */
export interface StaffPrincipal {
  kind: 'staff';
  accountId: string;
  role: StaffRole;
  /** Null for a global operator. */
  tenantId: string | null;
  email: string;
  displayName: string;
  /** The session's CSRF token, for GET /console/api/session to hand back to the page that reloads. */
  csrfToken: string;
}

/** Whoever a request acts as. */
export type Principal = KeyPrincipal | StaffPrincipal;

/** How the ledger names who made a change: never the key or the session itself. */
export function actorOf(principal: Principal): LedgerActor {
  return principal.kind === 'api_key' ? { kind: 'api_key', id: principal.keyId } : { kind: 'staff', id: principal.accountId };
}
