import { Module } from '@nestjs/common';
import { AuthModule } from '#sigillo/auth';
import { QueueBoard } from './queue-board.js';
import { QueuesModule } from './queues.module.js';

/** Bull Board; create-api registers it on Fastify at QUEUE_BOARD_PATH (a Fastify plugin, not Nest routes). */
@Module({
  imports: [QueuesModule, AuthModule],
  providers: [QueueBoard],
  exports: [QueueBoard],
})
export class QueueBoardModule {}
