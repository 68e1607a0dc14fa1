import { Controller, Get, Param, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentPrincipal, RequireRole } from '#sigillo/auth';
import type { Principal } from '#sigillo/auth';
import type { StoryBundle } from '#sigillo/ledger';
import { ApiErrors, KEY_ERRORS } from '../openapi/api-errors.js';
import { ApiKeyAuth } from '../openapi/api-key-auth.js';
import { ERASED_STORY_EXAMPLE, ErasedStoryResponse, ProofPendingResponse } from '../openapi/schemas/errors.schema.js';
import { STORY_BUNDLE_EXAMPLE, StoryBundleSchema } from '../openapi/schemas/story-bundle.schema.js';
import { ProofPendingFilter } from './proof-pending.filter.js';
import { StoryProofsService } from './story-proofs.service.js';

const STORY_DESCRIPTION =
  'Every ledger entry of the story (event received, decision, the consent entry it relied on, submission or failure, every delivery status), each with its inclusion proof in one signed checkpoint anchored on chain (format sigillo.story-bundle.v1, see docs/proof-bundle.md). `sigillo verify` checks it and prints the timeline. 202 until every entry is anchored; 410 when the subject was erased.';

const ERASED_STORY_DESCRIPTION =
  'The subject was erased: no bundle can open the story any more. erasedBySeq is the subject.erased entry recording the erasure (GET /v1/ledger/entries/{erasedBySeq}/proof proves it).';

@ApiTags('ledger')
@Controller('v1')
@UseGuards(ApiKeyGuard)
@UseFilters(ProofPendingFilter)
export class StoryProofsController {
  constructor(private readonly stories: StoryProofsService) {}

  @Get('messages/:wamid/proof')
  @RequireRole('auditor')
  @ApiKeyAuth('auditor')
  @ApiOperation({ summary: 'Story proof of one WhatsApp message', description: STORY_DESCRIPTION })
  @ApiParam({ name: 'wamid', description: "Meta's message id", example: 'wamid.HBgMMzkzMzMxMjM0NTY3FQIAERgSQjk2' })
  @ApiQuery({ name: 'tenantId', required: false, description: 'Required with a deployment-wide key' })
  @ApiResponse({
    status: 200,
    description: 'A sigillo.story-bundle.v1',
    type: StoryBundleSchema,
    example: { ...STORY_BUNDLE_EXAMPLE, subject: { kind: 'message', id: 'wamid.HBgMMzkzMzMwMDAwMDAxFQIAERgSQ0E5RDg3QjU0MjFGNjQ4QUE2AA==' } },
  })
  @ApiResponse({
    status: 202,
    description: 'Not all entries anchored yet: retry after Retry-After seconds',
    type: ProofPendingResponse,
    headers: { 'Retry-After': { description: 'Seconds', schema: { type: 'integer' } } },
    example: { status: 'pending', seq: null, stage: 'sequencing', retryAfterSeconds: 5, message: 'the entries are not anchored yet (sequencing)' },
  })
  @ApiResponse({ status: 410, description: ERASED_STORY_DESCRIPTION, type: ErasedStoryResponse, example: ERASED_STORY_EXAMPLE })
  @ApiErrors(...KEY_ERRORS, {
    status: 404,
    example: { statusCode: 404, error: 'Not Found', message: 'no message wamid.HBgMMzkzMzMwMDAwMDAxFQIAERgSQ0E5RDg3QjU0MjFGNjQ4QUE2AA==' },
  })
  message(@CurrentPrincipal() principal: Principal, @Param('wamid') wamid: string, @Query('tenantId') tenantId?: string): Promise<StoryBundle> {
    return this.stories.forMessage(principal.tenantId, wamid, tenantId);
  }

  @Get('events/:id/proof')
  @RequireRole('auditor')
  @ApiKeyAuth('auditor')
  @ApiOperation({ summary: 'Story proof of one Passweb event', description: STORY_DESCRIPTION })
  @ApiParam({ name: 'id', description: "Passweb's event id", example: 'ord-1042-shipped' })
  @ApiQuery({ name: 'tenantId', required: false, description: 'Required with a deployment-wide key' })
  @ApiResponse({ status: 200, description: 'A sigillo.story-bundle.v1', type: StoryBundleSchema, example: STORY_BUNDLE_EXAMPLE })
  @ApiResponse({
    status: 202,
    description: 'Not all entries anchored yet: retry after Retry-After seconds',
    type: ProofPendingResponse,
    headers: { 'Retry-After': { description: 'Seconds', schema: { type: 'integer' } } },
    example: { status: 'pending', seq: null, stage: 'sequencing', retryAfterSeconds: 5, message: 'the entries are not anchored yet (sequencing)' },
  })
  @ApiResponse({ status: 410, description: ERASED_STORY_DESCRIPTION, type: ErasedStoryResponse, example: ERASED_STORY_EXAMPLE })
  @ApiErrors(...KEY_ERRORS, { status: 404, example: { statusCode: 404, error: 'Not Found', message: 'no event ord-10023-shipped' } })
  event(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query('tenantId') tenantId?: string): Promise<StoryBundle> {
    return this.stories.forEvent(principal.tenantId, id, tenantId);
  }
}
