import { Module } from '@nestjs/common';
import { AuthModule } from '#sigillo/auth';
import { ConsentModule } from '#sigillo/consent';
import { ConsentsController } from './consents.controller.js';

@Module({
  imports: [AuthModule, ConsentModule],
  controllers: [ConsentsController],
})
export class ConsentsApiModule {}
