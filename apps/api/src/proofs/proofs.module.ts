import { Module } from '@nestjs/common';
import { AuthModule } from '../../../../libs/auth/src/auth.module.js';
import { AnchorStoreModule } from '../../../../libs/chain/src/anchor-store.module.js';
import { LedgerModule } from '../../../../libs/ledger/src/ledger.module.js';
import { LedgerController } from './ledger.controller.js';
import { ProofBundleService } from './proof-bundle.service.js';

@Module({
  imports: [AuthModule, LedgerModule, AnchorStoreModule],
  controllers: [LedgerController],
  providers: [ProofBundleService],
})
export class ProofsModule {}
