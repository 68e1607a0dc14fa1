// The public surface of libs/auth: other libraries and apps import only this file, as '#sigillo/auth'.
// <public surface: other libraries and apps import these; keep sorted by file>
export type { ApiRole } from './api-role.js';
export type { ApiKeyListing } from './api-key.repository.js';
export type { KeyPrincipal, Principal, StaffPrincipal } from './principal.js';
export type { StaffAccount } from './staff.repository.js';
export type { StaffRole } from './staff-role.js';
export { API_ROLES } from './api-role.js';
export { ApiKeyGuard } from './api-key.guard.js';
export { ApiKeyRepository } from './api-key.repository.js';
export { ApiKeysService, CLI_ACTOR } from './api-keys.service.js';
export { AuthModule } from './auth.module.js';
export { CONSOLE_PERMISSIONS, permissionsOf, type ConsolePermission } from './console-permissions.js';
export { CSRF_REFUSED, decideAccess } from './access.js';
export { CurrentPrincipal, CurrentTenantId } from './principal.decorator.js';
export { actorOf } from './principal.js';
export { checkSignIn, normalizeEmail, type FieldError } from './staff-input.js';
export { clearedSessionCookie, isHttps, parseCookies, SESSION_COOKIE, sessionCookie, sessionToken } from './session-cookie.js';
export { passwordProblem } from './password.js';
export { RequireRole, StaffRoles } from './require-role.decorator.js';
export { STAFF_ROLES, isStaffRole } from './staff-role.js';
export { StaffAccountsService, badRequest } from './staff-accounts.service.js';
export { StaffRepository } from './staff.repository.js';
export { StaffSessionsService, type SignInResult } from './staff-sessions.service.js';
export { tenantScope, type TenantScope } from './tenant-scope.js';
