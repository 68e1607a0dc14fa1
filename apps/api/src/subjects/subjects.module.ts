import { Module } from '@nestjs/common';
import { AuthModule } from '../../../../libs/auth/src/auth.module.js';
import { ErasureModule } from '../../../../libs/erasure/src/erasure.module.js';
import { SubjectsController } from './subjects.controller.js';

@Module({
  imports: [AuthModule, ErasureModule],
  controllers: [SubjectsController],
})
export class SubjectsApiModule {}
