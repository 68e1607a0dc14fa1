import { Module } from '@nestjs/common';
import { LedgerRepository } from './ledger.repository.js';
import { TreeReader } from './tree-reader.js';

/** Reading the log and recording pending entries: what every app needs of the ledger. */
@Module({
  providers: [LedgerRepository, TreeReader],
  exports: [LedgerRepository, TreeReader],
})
export class LedgerModule {}
