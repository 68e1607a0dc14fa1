import { Module } from '@nestjs/common';
import { AnchorRepository } from './anchor.repository.js';

/** What we recorded of anchoring transactions; the api reads it for proof bundles. */
@Module({
  providers: [AnchorRepository],
  exports: [AnchorRepository],
})
export class AnchorStoreModule {}
