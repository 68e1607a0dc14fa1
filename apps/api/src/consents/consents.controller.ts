import { Body, Controller, Get, Post, Query, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { ApiKeyGuard } from '../../../../libs/auth/src/api-key.guard.js';
import type { Principal } from '../../../../libs/auth/src/api-keys.service.js';
import { CurrentPrincipal, CurrentTenantId } from '../../../../libs/auth/src/principal.decorator.js';
import { RequireRole } from '../../../../libs/auth/src/require-role.decorator.js';
import type { ConsentAnswer, ConsentHistoryItem } from '../../../../libs/consent/src/consent-records.js';
import { ConsentService } from '../../../../libs/consent/src/consent.service.js';

@Controller('v1/consents')
@UseGuards(ApiKeyGuard)
export class ConsentsController {
  constructor(private readonly consents: ConsentService) {}

  /** 201 for a new change, 200 for a repeat of its client id. */
  @Post()
  @RequireRole('passweb')
  async record(@CurrentTenantId() tenantId: string, @Body() body: unknown, @Res({ passthrough: true }) res: Response): Promise<ConsentAnswer> {
    const answer = await this.consents.accept(tenantId, body);
    res.status(answer.created ? 201 : 200);
    return answer;
  }

  @Get()
  @RequireRole('admin', 'auditor')
  history(@CurrentPrincipal() principal: Principal, @Query('phone') phone: unknown, @Query('tenantId') tenantId: unknown): Promise<ConsentHistoryItem[]> {
    return this.consents.historyFor(principal.tenantId, { phone, tenantId });
  }
}
