import { Body, Controller, Get, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentPrincipal, CurrentTenantId, RequireRole } from '#sigillo/auth';
import type { Principal } from '#sigillo/auth';
import type { ConsentAnswer, ConsentHistoryItem } from '#sigillo/consent';
import { ConsentService } from '#sigillo/consent';
import { ApiErrors, KEY_ERRORS } from '../openapi/api-errors.js';
import { ApiKeyAuth } from '../openapi/api-key-auth.js';
import { CONSENT_EXAMPLES, ConsentBody, ConsentHistoryLine, ConsentRecorded } from '../openapi/schemas/consents.schema.js';
import { ApiTenantQuery } from '../openapi/api-params.js';

@ApiTags('consents')
@Controller('v1/consents')
@UseGuards(ApiKeyGuard)
export class ConsentsController {
  constructor(private readonly consents: ConsentService) {}

  /** 201 for a new change, 200 for a repeat of its client id. */
  @Post()
  @RequireRole('passweb')
  @ApiKeyAuth('passweb')
  @ApiOperation({
    summary: 'Record a consent change',
    description:
      "Idempotent on the caller's id: 201 for a new change, 200 with the first answer for a repeat; the same id with another body is 409. The change becomes a consent.changed ledger entry.",
  })
  @ApiBody({ type: ConsentBody, examples: CONSENT_EXAMPLES })
  @ApiResponse({
    status: 201,
    description: 'Recorded',
    type: ConsentRecorded,
    example: { consentId: '9d3c1a52-7e0b-4f6a-b2c8-1e5d4f3a2b10', seq: null, created: true },
  })
  @ApiResponse({
    status: 200,
    description: 'Already recorded under this id',
    type: ConsentRecorded,
    example: { consentId: '9d3c1a52-7e0b-4f6a-b2c8-1e5d4f3a2b10', seq: 1840, created: false },
  })
  @ApiErrors(
    {
      status: 400,
      example: {
        statusCode: 400,
        error: 'Bad Request',
        message: [
          'phone: is required unless userId is given (give exactly one of phone and userId)',
          'category: must be one of: marketing, utility, authentication, all',
        ],
        errors: [
          { field: 'phone', message: 'is required unless userId is given (give exactly one of phone and userId)' },
          { field: 'category', message: 'must be one of: marketing, utility, authentication, all' },
        ],
      },
    },
    ...KEY_ERRORS,
    { status: 409, example: { statusCode: 409, error: 'Conflict', message: 'consent checkout-77120-marketing was already recorded with a different body' } },
    413,
    415,
    {
      status: 422,
      example: {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: ['userId: no event of this user was received, so its phone number is unknown: send phone instead'],
        errors: [{ field: 'userId', message: 'no event of this user was received, so its phone number is unknown: send phone instead' }],
      },
    },
  )
  async record(
    @CurrentTenantId() tenantId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: { status(code: number): unknown },
  ): Promise<ConsentAnswer> {
    const answer = await this.consents.accept(tenantId, body);
    res.status(answer.created ? 201 : 200);
    return answer;
  }

  @Get()
  @RequireRole('admin', 'auditor')
  @ApiKeyAuth('admin', 'auditor')
  @ApiOperation({
    summary: 'Consent history of one phone number',
    description: 'Every change, oldest first, with its ledger seq and proof link. A deployment-wide key names the tenant.',
  })
  @ApiQuery({ name: 'phone', type: 'string', required: true, description: 'E.164, national, or a business-scoped user id', example: '+393330000001' })
  @ApiTenantQuery()
  @ApiResponse({
    status: 200,
    type: [ConsentHistoryLine],
    example: [
      {
        consentId: '9d3c1a52-7e0b-4f6a-b2c8-1e5d4f3a2b10',
        category: 'marketing',
        action: 'opt_in',
        source: 'passweb-checkout',
        evidence: { form: 'checkout', textVersion: 'privacy-2026-03' },
        occurredAt: '2026-11-21T09:58:12.000Z',
        recordedAt: '2026-11-21T09:58:12.431Z',
        seq: 1840,
        proof: '/v1/ledger/entries/1840/proof',
      },
    ],
  })
  @ApiErrors(
    {
      status: 400,
      example: {
        statusCode: 400,
        error: 'Bad Request',
        message: ['phone: is not a valid number for its country'],
        errors: [{ field: 'phone', message: 'is not a valid number for its country' }],
      },
    },
    ...KEY_ERRORS,
    404,
  )
  history(@CurrentPrincipal() principal: Principal, @Query('phone') phone: unknown, @Query('tenantId') tenantId: unknown): Promise<ConsentHistoryItem[]> {
    return this.consents.historyFor(principal.tenantId, { phone, tenantId });
  }
}
