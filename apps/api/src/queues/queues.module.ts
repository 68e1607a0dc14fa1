import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { OBSERVED_QUEUES, ObservedQueues } from './observed-queues.js';

@Module({
  imports: [BullModule.registerQueue(...OBSERVED_QUEUES.map((name) => ({ name })))],
  providers: [ObservedQueues],
  exports: [ObservedQueues],
})
export class QueuesModule {}
