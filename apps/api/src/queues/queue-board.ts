import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Injectable } from '@nestjs/common';
import { Router, type Request, type Response } from 'express';
import { ApiKeysService, type Principal } from '../../../../libs/auth/src/api-keys.service.js';
import { adminKeyGate } from './admin-key-gate.js';
import { ObservedQueues } from './observed-queues.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over the worker's queues. A deployment-wide admin key gets the whole board; a
 * tenant's admin key a read-only one: the queues carry every tenant's jobs, and retrying,
 * cleaning or pausing them is the operator's call, not one tenant's.
 */
@Injectable()
export class QueueBoard {
  readonly router: Router;

  constructor(queues: ObservedQueues, keys: ApiKeysService) {
    const full = board(queues, false);
    const readOnly = board(queues, true);
    this.router = Router();
    this.router.use(adminKeyGate(keys, QUEUE_BOARD_PATH));
    this.router.use((req: Request, res: Response, next) => {
      const principal = res.locals.principal as Principal;
      (principal.tenantId === null ? full : readOnly)(req, res, next);
    });
  }
}

function board(queues: ObservedQueues, readOnlyMode: boolean): Router {
  const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.all.map((q) => new BullMQAdapter(q, { readOnlyMode })),
    serverAdapter,
    options: { uiConfig: { boardTitle: readOnlyMode ? 'Sigillo queues (read-only)' : 'Sigillo queues' } },
  });
  return serverAdapter.getRouter() as Router;
}
