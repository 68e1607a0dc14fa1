import { Module } from '@nestjs/common';
import { ConsentRepository } from './consent.repository.js';

@Module({
  providers: [ConsentRepository],
  exports: [ConsentRepository],
})
export class ConsentModule {}
