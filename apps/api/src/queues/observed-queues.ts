import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { SEND_QUEUE } from '#sigillo/notifications';
import { WEBHOOK_QUEUE } from '#sigillo/webhooks';
import { ANCHORING_QUEUE, MAINTENANCE_QUEUE } from '#sigillo/platform';

/** The worker's queues as the api sees them: to show them (Bull Board) and count their jobs (/metrics). */
export const OBSERVED_QUEUES = [SEND_QUEUE, WEBHOOK_QUEUE, ANCHORING_QUEUE, MAINTENANCE_QUEUE] as const;

@Injectable()
export class ObservedQueues {
  readonly all: Queue[];

  constructor(
    @InjectQueue(SEND_QUEUE) send: Queue,
    @InjectQueue(WEBHOOK_QUEUE) webhooks: Queue,
    @InjectQueue(ANCHORING_QUEUE) anchoring: Queue,
    @InjectQueue(MAINTENANCE_QUEUE) maintenance: Queue,
  ) {
    this.all = [send, webhooks, anchoring, maintenance];
  }
}
