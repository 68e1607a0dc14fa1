import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { Injectable } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { ApiKeysService } from '#sigillo/auth';
import { adminKeyHook } from './admin-key-gate.js';
import { ObservedQueues } from './observed-queues.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over the worker's queues, for deployment-wide admin keys only (the gate refuses a
 * tenant's admin key): one send queue, one webhook queue and the ledger's queues carry every
 * tenant's jobs, and Bull Board can narrow a board to queues, not to the jobs of one tenant.
 */
@Injectable()
export class QueueBoard {
  constructor(
    private readonly queues: ObservedQueues,
    private readonly keys: ApiKeysService,
  ) {}

  /** The board as a Fastify plugin under QUEUE_BOARD_PATH, every route of it behind the gate. */
  async register(app: NestFastifyApplication): Promise<void> {
    const serverAdapter = new FastifyAdapter().setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: this.queues.all.map((q) => new BullMQAdapter(q)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Sigillo queues' } },
    });
    const gate = adminKeyHook(this.keys, QUEUE_BOARD_PATH);
    await app.register(
      async (scope: FastifyInstance) => {
        scope.addHook('onRequest', gate);
        await scope.register(serverAdapter.registerPlugin());
        // A path under the board that is none of its routes is behind the gate too: without a key
        // it answers 401/403, as any of them, and names no route.
        scope.setNotFoundHandler((request, reply) => {
          void reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `Cannot ${request.method} ${request.url.split('?')[0]}` });
        });
      },
      { prefix: QUEUE_BOARD_PATH },
    );
  }
}
