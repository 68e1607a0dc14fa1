import { Module } from '@nestjs/common';
import { AuthModule } from '../../../../libs/auth/src/auth.module.js';
import { IntakeModule } from '../../../../libs/notifications/src/intake.module.js';
import { EventsController } from './events.controller.js';

@Module({
  imports: [AuthModule, IntakeModule],
  controllers: [EventsController],
})
export class EventsModule {}
