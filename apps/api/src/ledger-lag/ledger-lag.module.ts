import { Module } from '@nestjs/common';
import { LedgerLagRepository } from './ledger-lag.repository.js';

@Module({
  providers: [LedgerLagRepository],
  exports: [LedgerLagRepository],
})
export class LedgerLagModule {}
