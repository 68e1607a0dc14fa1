import { Module } from '@nestjs/common';
import { AuthModule } from '#sigillo/auth';
import { IntakeModule } from '#sigillo/notifications';
import { EventsController } from './events.controller.js';

@Module({
  imports: [AuthModule, IntakeModule],
  controllers: [EventsController],
})
export class EventsModule {}
