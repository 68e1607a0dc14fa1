import { Module } from '@nestjs/common';
import { AuthModule } from '#sigillo/auth';
import { ErasureModule } from '#sigillo/erasure';
import { SubjectsController } from './subjects.controller.js';

@Module({
  imports: [AuthModule, ErasureModule],
  controllers: [SubjectsController],
})
export class SubjectsApiModule {}
