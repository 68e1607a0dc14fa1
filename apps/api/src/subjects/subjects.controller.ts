import { Controller, Delete, HttpCode, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, ApiKeyGuard, CurrentPrincipal, RequireRole } from '#sigillo/auth';
import type { Principal } from '#sigillo/auth';
import { ErasureService, type ErasureAnswer } from '#sigillo/erasure';
import { ApiErrors, KEY_ERRORS } from '../openapi/api-errors.js';
import { ApiKeyAuth } from '../openapi/api-key-auth.js';
import { ERASURE_EXAMPLE, ErasureAnswerSchema } from '../openapi/schemas/erasure.schema.js';
import { ApiWhatsAppUserParam, ApiTenantQuery } from '../openapi/api-params.js';

@ApiTags('subjects')
@Controller('v1/subjects')
@UseGuards(ApiKeyGuard)
export class SubjectsController {
  constructor(private readonly erasure: ErasureService) {}

  /** Erasure (right to be forgotten) of one person of the tenant, named by number or BSUID: docs/erasure.md. */
  @Delete(':phone')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiKeyAuth('admin')
  @ApiOperation({
    summary: 'Erase a data subject (right to be forgotten)',
    description:
      'Crypto-shreds every ledger entry about the person, by the number or business-scoped user id named and every identifier linked to it (content and salt deleted; leaves, checkpoints and anchors stay valid), redacts it everywhere else, cancels queued sends and records a subject.erased entry (docs/erasure.md). Repeating it erases nothing more (erasedEntries 0).',
  })
  @ApiWhatsAppUserParam()
  @ApiTenantQuery()
  @ApiResponse({ status: 200, type: ErasureAnswerSchema, example: ERASURE_EXAMPLE })
  @ApiErrors({ status: 400, example: { statusCode: 400, error: 'Bad Request', message: 'phone: is not a valid number for its country' } }, ...KEY_ERRORS, 404, {
    status: 503,
    description: 'The subject is busy (a send or webhook in flight): nothing changed, retry shortly',
    example: {
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'the subject cannot be erased yet: a send is in flight; nothing was changed, try again shortly',
    },
  })
  erase(@CurrentPrincipal() principal: Principal, @Param('phone') phone: string, @Query('tenantId') tenantId?: unknown): Promise<ErasureAnswer> {
    return this.erasure.erase(principal.tenantId, phone, tenantId, actorOf(principal));
  }
}
