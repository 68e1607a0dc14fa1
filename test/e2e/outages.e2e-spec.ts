// What the chaos run (npm run test:chaos) found, pinned down cheaply: the api answers 503, not
// 500, while PostgreSQL is unreachable; a worker re-creates its job schedules when Redis lost them.
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { createApi } from '../../apps/api/src/create-api.js';
import { ANCHORING_QUEUE, ApiConfig, loadConfig } from '#sigillo/platform';
import { LedgerStack } from '../support/ledger-stack.js';
import { freePort, uniqueQueuePrefix } from '../support/test-stack.js';
import { waitFor } from '../support/wait-for.js';

describe('PostgreSQL unreachable', () => {
  let api: INestApplication;
  let url: string;

  beforeAll(async () => {
    // Nothing listens on this port: every query fails to connect, as while the server is down.
    const closed = await freePort();
    api = await createApi(
      loadConfig(ApiConfig, {
        DATABASE_URL: `postgresql://postgres@127.0.0.1:${closed}/sigillo`,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        QUEUE_PREFIX: uniqueQueuePrefix(),
        LEDGER_CONTRACT_ADDRESS: '0x0000000000000000000000000000000000000001',
        WHATSAPP_APP_SECRET: 'outage-secret',
        LOG_LEVEL: 'silent',
      }),
    );
    await api.listen(0, '127.0.0.1');
    url = await api.getUrl();
  });

  afterAll(async () => {
    await api?.close();
  });

  it('answers 503 with Retry-After, so Passweb retries, instead of a 500', async () => {
    const res = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_passweb_whatever', 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'e-1', type: 'message.sent' }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const body = (await res.json()) as { message: string };
    expect(body.message).toMatch(/database is unavailable/);
    // Routes that fail for other reasons keep their answers.
    expect((await fetch(`${url}/v1/events`, { method: 'POST' })).status).toBe(401);
  });
});

describe('Redis losing the job schedules', () => {
  let stack: LedgerStack;

  beforeAll(async () => {
    stack = await LedgerStack.start();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('has the worker re-create the anchoring schedule without a restart', async () => {
    const queue = stack.get<Queue>(getQueueToken(ANCHORING_QUEUE) as never);
    expect(await queue.getJobScheduler('anchor-tick')).toBeTruthy();
    // What FLUSHALL or a restart of a Redis without persistence does to it.
    await queue.removeJobScheduler('anchor-tick');
    expect(await queue.getJobScheduler('anchor-tick')).toBeFalsy();
    await waitFor('the anchor-tick schedule again', () => queue.getJobScheduler('anchor-tick'), 15_000, 200);
  }, 30_000);
});
