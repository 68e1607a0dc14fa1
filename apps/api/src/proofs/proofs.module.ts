import { Module } from '@nestjs/common';
import { AuthModule } from '../../../../libs/auth/src/auth.module.js';
import { AnchorStoreModule } from '../../../../libs/chain/src/anchor-store.module.js';
import { ErasedStoriesRepository } from '../../../../libs/erasure/src/erased-stories.repository.js';
import { LedgerModule } from '../../../../libs/ledger/src/ledger.module.js';
import { NotificationStoreModule } from '../../../../libs/notifications/src/notification-store.module.js';
import { LedgerController } from './ledger.controller.js';
import { ProofBundleService } from './proof-bundle.service.js';
import { StoryProofsController } from './story-proofs.controller.js';
import { StoryProofsService } from './story-proofs.service.js';

@Module({
  imports: [AuthModule, LedgerModule, AnchorStoreModule, NotificationStoreModule],
  controllers: [LedgerController, StoryProofsController],
  providers: [ProofBundleService, StoryProofsService, ErasedStoriesRepository],
})
export class ProofsModule {}
