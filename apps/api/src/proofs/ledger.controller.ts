import { Controller, Get, Param, UseFilters, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../../../../libs/auth/src/api-key.guard.js';
import type { Principal } from '../../../../libs/auth/src/api-keys.service.js';
import { CurrentPrincipal } from '../../../../libs/auth/src/principal.decorator.js';
import { RequireRole } from '../../../../libs/auth/src/require-role.decorator.js';
import type { ProofBundle } from '../../../../libs/ledger/src/bundle.js';
import { ProofBundleService } from './proof-bundle.service.js';
import { ProofPendingFilter } from './proof-pending.filter.js';
import { SeqPipe } from './seq.pipe.js';

@Controller('v1/ledger')
@UseGuards(ApiKeyGuard)
@UseFilters(ProofPendingFilter)
export class LedgerController {
  constructor(private readonly proofs: ProofBundleService) {}

  @Get('entries/:seq/proof')
  @RequireRole('auditor')
  proof(@Param('seq', SeqPipe) seq: bigint, @CurrentPrincipal() principal: Principal): Promise<ProofBundle> {
    return this.proofs.bundleForSeq(seq, principal.tenantId);
  }
}
