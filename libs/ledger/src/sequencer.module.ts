import { Module } from '@nestjs/common';
import { LedgerModule } from './ledger.module.js';
import { SequencerService } from './sequencer.service.js';

/** The log's single writer; only the worker runs it. */
@Module({
  imports: [LedgerModule],
  providers: [SequencerService],
  exports: [SequencerService],
})
export class SequencerModule {}
