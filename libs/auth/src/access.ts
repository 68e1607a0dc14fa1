import type { ApiRole } from './api-role.js';
import type { StaffRole } from './staff-role.js';

/** Who a route lets in: API key roles (RequireRole) and staff roles (StaffRoles). */
export interface RouteAccess {
  keyRoles: readonly ApiRole[] | undefined;
  staffRoles: readonly StaffRole[] | undefined;
}

/** What the request presented, once looked up. */
export type Presented =
  | { kind: 'none' }
  | { kind: 'bad_key_header' }
  | { kind: 'unknown_key' }
  | { kind: 'api_key'; role: ApiRole }
  | { kind: 'dead_session' }
  | { kind: 'session'; role: StaffRole; csrfOk: boolean };

export type AccessDecision = { allow: true } | { allow: false; status: 401 | 403; message: string };

export const CSRF_REFUSED = 'missing or wrong CSRF token';

/**
 * The one decision of the guard. A route without roles is public. A key is judged by the key roles;
 * a session by the staff roles, and a write with a session also needs the session's CSRF token.
 */
export function decideAccess(route: RouteAccess, presented: Presented, write: boolean): AccessDecision {
  if (!route.keyRoles && !route.staffRoles) return { allow: true };
  switch (presented.kind) {
    case 'none':
      return refuse(401, route.staffRoles ? 'sign in, or send Authorization: Bearer <key>' : 'missing API key: send Authorization: Bearer <key>');
    case 'bad_key_header':
      return refuse(401, 'missing API key: send Authorization: Bearer <key>');
    case 'unknown_key':
      return refuse(401, 'invalid API key');
    case 'dead_session':
      return refuse(401, 'not signed in, or the session has expired');
    case 'api_key':
      if (!route.keyRoles?.length) return refuse(403, 'this endpoint is for signed-in staff, not API keys');
      if (!route.keyRoles.includes(presented.role)) return refuse(403, `this endpoint needs a ${route.keyRoles.join(' or ')} key`);
      return { allow: true };
    case 'session':
      if (!route.staffRoles?.length) return refuse(403, 'this endpoint needs an API key');
      if (write && !presented.csrfOk) return refuse(403, CSRF_REFUSED);
      if (!route.staffRoles.includes(presented.role)) return refuse(403, `this needs a staff account with the role ${route.staffRoles.join(' or ')}`);
      return { allow: true };
  }
}

function refuse(status: 401 | 403, message: string): AccessDecision {
  return { allow: false, status, message };
}
