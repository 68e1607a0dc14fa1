import { Module } from '@nestjs/common';
import { WorkerConfig } from '#sigillo/platform';
import { LedgerModule } from '#sigillo/ledger';
import { AnchorStoreModule } from './anchor-store.module.js';
import { AnchoringService } from './anchoring.service.js';
import { LedgerContractClient } from './ledger-contract.js';

@Module({
  imports: [LedgerModule, AnchorStoreModule],
  providers: [
    AnchoringService,
    {
      provide: LedgerContractClient,
      inject: [WorkerConfig],
      useFactory: (config: WorkerConfig) => new LedgerContractClient(config.CHAIN_RPC_URL, config.LEDGER_CONTRACT_ADDRESS, config.ANCHOR_PRIVATE_KEY),
    },
  ],
  exports: [AnchoringService],
})
export class AnchoringModule {}
