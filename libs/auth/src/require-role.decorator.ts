import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from './api-role.js';
import type { StaffRole } from './staff-role.js';

export const REQUIRED_ROLES = 'sigillo:required-roles';
export const STAFF_ROLES_KEY = 'sigillo:staff-roles';

/** The API key roles allowed on a route; a route with neither this nor StaffRoles is public. */
export const RequireRole = (...roles: ApiRole[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The staff roles allowed on a route with a console session (next to RequireRole's key roles). */
export const StaffRoles = (...roles: readonly StaffRole[]) => SetMetadata(STAFF_ROLES_KEY, [...roles]);
