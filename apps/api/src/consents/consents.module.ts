import { Module } from '@nestjs/common';
import { AuthModule } from '../../../../libs/auth/src/auth.module.js';
import { ConsentModule } from '../../../../libs/consent/src/consent.module.js';
import { ConsentsController } from './consents.controller.js';

@Module({
  imports: [AuthModule, ConsentModule],
  controllers: [ConsentsController],
})
export class ConsentsApiModule {}
