import { Controller, Get, Param, UseFilters, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentPrincipal, RequireRole } from '#sigillo/auth';
import type { Principal } from '#sigillo/auth';
import type { ProofBundle } from '#sigillo/ledger';
import { ApiErrors, KEY_ERRORS } from '../openapi/api-errors.js';
import { ApiKeyAuth } from '../openapi/api-key-auth.js';
import { ERASED_ENTRY_EXAMPLE, ErasedEntryResponse, ProofPendingResponse } from '../openapi/schemas/errors.schema.js';
import { PROOF_BUNDLE_EXAMPLE, ProofBundleSchema } from '../openapi/schemas/proof-bundle.schema.js';
import { ProofBundleService } from './proof-bundle.service.js';
import { ProofPendingFilter } from './proof-pending.filter.js';
import { SeqPipe } from './seq.pipe.js';

@ApiTags('ledger')
@Controller('v1/ledger')
@UseGuards(ApiKeyGuard)
@UseFilters(ProofPendingFilter)
export class LedgerController {
  constructor(private readonly proofs: ProofBundleService) {}

  @Get('entries/:seq/proof')
  @RequireRole('auditor')
  @ApiKeyAuth('auditor')
  @ApiOperation({
    summary: 'Proof bundle of one ledger entry',
    description:
      "The entry and its salt, its inclusion in the checkpoint that first committed it, and that checkpoint's consistency with the first confirmed anchor covering it (docs/proof-bundle.md). `sigillo verify` checks it against the chain.",
  })
  @ApiParam({ name: 'seq', type: 'integer', description: 'Ledger position', example: 1841 })
  @ApiResponse({ status: 200, type: ProofBundleSchema, example: PROOF_BUNDLE_EXAMPLE })
  @ApiResponse({
    status: 202,
    description: 'Not anchored yet: retry after Retry-After seconds',
    type: ProofPendingResponse,
    headers: { 'Retry-After': { description: 'Seconds', schema: { type: 'integer' } } },
    example: { status: 'pending', seq: 1841, stage: 'anchoring', retryAfterSeconds: 5, message: 'entry 1841 is not anchored yet (anchoring)' },
  })
  @ApiResponse({
    status: 410,
    description: 'The entry was erased: no bundle can open it any more; every other entry still verifies',
    type: ErasedEntryResponse,
    example: ERASED_ENTRY_EXAMPLE,
  })
  @ApiErrors({ status: 400, example: { statusCode: 400, error: 'Bad Request', message: 'seq must be a non-negative integer' } }, ...KEY_ERRORS, {
    status: 404,
    example: { statusCode: 404, error: 'Not Found', message: 'no ledger entry with seq 1841' },
  })
  proof(@Param('seq', SeqPipe) seq: bigint, @CurrentPrincipal() principal: Principal): Promise<ProofBundle> {
    return this.proofs.bundleForSeq(seq, principal.tenantId);
  }
}
