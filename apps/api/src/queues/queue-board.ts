import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable } from '@nestjs/common';
import { Router } from 'express';
import { ApiKeysService } from '../../../../libs/auth/src/api-keys.service.js';
import { adminKeyGate } from './admin-key-gate.js';
import { ObservedQueues } from './observed-queues.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over the worker's queues, for deployment-wide admin keys only (the gate refuses a
 * tenant's admin key): one send queue, one webhook queue and the ledger's queues carry every
 * tenant's jobs, and Bull Board can narrow a board to queues, not to the jobs of one tenant.
 */
@Injectable()
export class QueueBoard {
  readonly router: Router;

  constructor(queues: ObservedQueues, keys: ApiKeysService) {
    const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: queues.all.map((q) => new BullMQAdapter(q)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Sigillo queues' } },
    });
    this.router = Router();
    this.router.use(adminKeyGate(keys, QUEUE_BOARD_PATH));
    this.router.use(serverAdapter.getRouter() as Router);
  }
}
