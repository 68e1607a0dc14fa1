import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';

export const API_KEY_SCHEME = 'api-key';

/** The route takes an API key (`Authorization: Bearer`) of one of these roles, listed as `x-key-roles`. */
export function ApiKeyAuth(...roles: string[]) {
  return applyDecorators(ApiBearerAuth(API_KEY_SCHEME), ApiExtension('x-key-roles', roles));
}
