import { Module } from '@nestjs/common';
import { ConsentModule } from '#sigillo/consent';
import { LedgerModule } from '#sigillo/ledger';
import { ConversationsModule } from './conversations.module.js';
import { InboundService } from './inbound.service.js';

/** The worker's side of conversations: applying what users send (it needs the worker's configuration). */
@Module({
  imports: [ConversationsModule, ConsentModule, LedgerModule],
  providers: [InboundService],
  exports: [InboundService],
})
export class InboundModule {}
