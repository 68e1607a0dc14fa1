import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from './api-role.js';

export const REQUIRED_ROLES = 'sigillo:required-roles';

/** The API key roles allowed on a route; a route without it is public. */
export const RequireRole = (...roles: ApiRole[]) => SetMetadata(REQUIRED_ROLES, roles);
