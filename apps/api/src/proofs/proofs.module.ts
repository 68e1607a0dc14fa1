import { Module } from '@nestjs/common';
import { AuthModule } from '#sigillo/auth';
import { AnchorStoreModule } from '#sigillo/chain';
import { ErasedStoriesRepository } from '#sigillo/erasure';
import { LedgerModule } from '#sigillo/ledger';
import { NotificationStoreModule } from '#sigillo/notifications';
import { LedgerController } from './ledger.controller.js';
import { ProofBundleService } from './proof-bundle.service.js';
import { StoryProofsController } from './story-proofs.controller.js';
import { StoryProofsService } from './story-proofs.service.js';

@Module({
  imports: [AuthModule, LedgerModule, AnchorStoreModule, NotificationStoreModule],
  controllers: [LedgerController, StoryProofsController],
  providers: [ProofBundleService, StoryProofsService, ErasedStoriesRepository],
  exports: [StoryProofsService],
})
export class ProofsModule {}
