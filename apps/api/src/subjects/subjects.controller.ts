import { Controller, Delete, HttpCode, Param, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../../../../libs/auth/src/api-key.guard.js';
import type { Principal } from '../../../../libs/auth/src/api-keys.service.js';
import { CurrentPrincipal } from '../../../../libs/auth/src/principal.decorator.js';
import { RequireRole } from '../../../../libs/auth/src/require-role.decorator.js';
import { ErasureService, type ErasureAnswer } from '../../../../libs/erasure/src/erasure.service.js';

@Controller('v1/subjects')
@UseGuards(ApiKeyGuard)
export class SubjectsController {
  constructor(private readonly erasure: ErasureService) {}

  /** Erasure (right to be forgotten) of one phone number of the tenant: docs/erasure.md. */
  @Delete(':phone')
  @HttpCode(200)
  @RequireRole('admin')
  erase(@CurrentPrincipal() principal: Principal, @Param('phone') phone: string, @Query('tenantId') tenantId?: unknown): Promise<ErasureAnswer> {
    return this.erasure.erase(principal.tenantId, phone, tenantId);
  }
}
