import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createApi } from '../../apps/api/src/create-api.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { ApiKeysService } from '../../libs/auth/src/api-keys.service.js';
import { generateSignerKey } from '../../libs/ledger/src/checkpoint.js';
import { ApiConfig, loadConfig, WorkerConfig } from '../../libs/platform/src/config.js';
import { startTcpProxy, TcpProxy } from './tcp-proxy.js';
import { createTestDatabase, startTestChain, TestChain, TestDatabase, uniqueQueuePrefix } from './test-stack.js';

export const TEST_ORIGIN = 'sigillo.test/ledger';

// SIGILLO_TEST_LOGS=1 shows what the in-process api and workers log.
const logger: ('log' | 'warn' | 'error')[] = process.env.SIGILLO_TEST_LOGS ? ['log', 'warn', 'error'] : ['error'];

/**
 * A whole ledger stack for e2e tests: its own database, a Hardhat chain behind a TCP proxy (so a
 * test can cut the RPC), a worker and an api in this process.
 */
export class LedgerStack {
  workers: INestApplicationContext[] = [];
  api!: INestApplication;
  apiUrl!: string;
  env!: Record<string, string>;
  keys!: { auditor: string; admin: string; passweb: string };
  verifierKey!: string;

  private constructor(
    readonly db: TestDatabase,
    readonly chain: TestChain,
    readonly rpcProxy: TcpProxy,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<LedgerStack> {
    const db = await createTestDatabase();
    const chain = await startTestChain();
    const rpcProxy = await startTcpProxy({ target: chain.url });
    const stack = new LedgerStack(db, chain, rpcProxy);
    const { signerKey, verifierKey } = generateSignerKey(TEST_ORIGIN);
    stack.verifierKey = verifierKey;
    stack.env = {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: uniqueQueuePrefix(),
      CHAIN_RPC_URL: rpcProxy.url,
      LEDGER_CONTRACT_ADDRESS: chain.contract,
      LEDGER_ORIGIN: TEST_ORIGIN,
      CHECKPOINT_SIGNER_KEY: signerKey,
      ANCHOR_PRIVATE_KEY: chain.anchorerKey,
      ANCHOR_INTERVAL_MS: '500',
      ANCHOR_MAX_BACKOFF_MS: '2000',
      ...overrides,
    };
    await stack.startWorker();
    stack.api = await createApi(loadConfig(ApiConfig, stack.env), logger);
    await stack.api.listen(0, '127.0.0.1');
    stack.apiUrl = await stack.api.getUrl();
    const keys = stack.api.get(ApiKeysService);
    stack.keys = {
      auditor: (await keys.create('auditor')).key,
      admin: (await keys.create('admin')).key,
      passweb: (await keys.create('passweb')).key,
    };
    return stack;
  }

  async startWorker(): Promise<INestApplicationContext> {
    const worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig(WorkerConfig, this.env)), { logger });
    await worker.init();
    this.workers.push(worker);
    return worker;
  }

  get<T>(token: new (...args: never[]) => T): T {
    return this.workers[0].get(token, { strict: false });
  }

  async stop(): Promise<void> {
    await this.api?.close();
    for (const w of this.workers) await w.close();
    await this.rpcProxy.close();
    await this.chain.stop();
    await this.db.drop();
  }
}
