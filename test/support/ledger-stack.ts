import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { createApi } from '../../apps/api/src/create-api.js';
import { createWorker } from '../../apps/worker/src/create-worker.js';
import { ApiKeysService } from '../../libs/auth/src/api-keys.service.js';
import { generateSignerKey } from '../../libs/ledger/src/checkpoint.js';
import { TenantsService } from '../../libs/tenants/src/tenants.service.js';
import type { Tenant } from '../../libs/tenants/src/tenant.js';
import { startSimulator, type StartedSimulator, type StartSimulatorOptions } from '../../apps/wa-simulator/src/start-simulator.js';
import { ApiConfig, loadConfig, WorkerConfig } from '../../libs/platform/src/config.js';
import { startTcpProxy, TcpProxy } from './tcp-proxy.js';
import { createTestDatabase, startTestChain, TestChain, TestDatabase, uniqueQueuePrefix } from './test-stack.js';

export const TEST_ORIGIN = 'sigillo.test/ledger';
export const SIMULATOR_APP_SECRET = 'sim-app-secret';

// SIGILLO_TEST_LOGS=1 shows what the in-process api and workers log (JSON, LOG_LEVEL info).
const LOG_LEVEL = process.env.SIGILLO_TEST_LOGS ? 'info' : 'error';

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
  /** With `simulator`: the WhatsApp Cloud API simulator and a tenant bound to it, with its keys. */
  simulator?: StartedSimulator;
  tenant?: Tenant;
  tenantKeys?: { auditor: string; admin: string; passweb: string };

  private constructor(
    readonly db: TestDatabase,
    readonly chain: TestChain,
    readonly rpcProxy: TcpProxy,
    private readonly logDestination: DestinationStream | undefined,
  ) {}

  /** `logDestination`: the api's and workers' JSON logs go there instead of stdout. */
  static async start(
    overrides: Record<string, string> = {},
    opts: { simulator?: StartSimulatorOptions; logDestination?: DestinationStream } = {},
  ): Promise<LedgerStack> {
    const db = await createTestDatabase();
    const chain = await startTestChain();
    const rpcProxy = await startTcpProxy({ target: chain.url });
    const stack = new LedgerStack(db, chain, rpcProxy, opts.logDestination);
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
      WHATSAPP_APP_SECRET: SIMULATOR_APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'test-verify-token',
      LOG_LEVEL,
      ...overrides,
    };
    stack.api = await createApi(loadConfig(ApiConfig, stack.env), { logDestination: opts.logDestination });
    await stack.api.listen(0, '127.0.0.1');
    stack.apiUrl = await stack.api.getUrl();
    const keys = stack.api.get(ApiKeysService);
    stack.keys = {
      auditor: (await keys.create('auditor')).key,
      admin: (await keys.create('admin')).key,
      passweb: (await keys.create('passweb')).key,
    };
    if (opts.simulator) {
      // Its webhooks go to our api, signed with the secret the api expects.
      stack.simulator = await startSimulator({ appSecret: SIMULATOR_APP_SECRET, webhookUrl: `${stack.apiUrl}/v1/webhooks/whatsapp`, ...opts.simulator });
      const created = await stack.api.get(TenantsService).create({
        name: 'Negozio di prova',
        phoneNumberId: '100000000000001',
        wabaId: '200000000000001',
        providerBaseUrl: stack.simulator.url,
        graphVersion: 'v23.0',
        providerToken: 'sim-token',
        defaultLanguage: 'it',
        defaultCountry: 'IT',
        throughputPerSecond: 80,
      });
      stack.tenant = created.tenant;
      stack.tenantKeys = created.keys;
    }
    // The worker last: it syncs every tenant's templates when it starts.
    await stack.startWorker();
    return stack;
  }

  /** Syncs the simulator's catalog into the tenant and binds event types, as the tenant's admin would. */
  async syncAndBind(bindings: Record<string, unknown>): Promise<void> {
    const admin = this.tenantKeys!.admin;
    const synced = await this.call('POST', '/v1/templates/sync', admin);
    if (synced.status !== 200) throw new Error(`template sync: ${synced.status} ${JSON.stringify(synced.body)}`);
    for (const [eventType, binding] of Object.entries(bindings)) {
      const res = await this.call('PUT', `/v1/bindings/${eventType}`, admin, binding);
      if (res.status !== 200) throw new Error(`binding ${eventType}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }

  /** An api call as a client would make it. */
  async call(method: string, path: string, key: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  }

  async startWorker(): Promise<INestApplicationContext> {
    const worker = await createWorker(loadConfig(WorkerConfig, this.env), this.logDestination);
    await worker.init();
    this.workers.push(worker);
    return worker;
  }

  get<T>(token: new (...args: never[]) => T): T {
    return this.workers[0].get(token, { strict: false });
  }

  async stop(): Promise<void> {
    // The simulator first: its webhooks would otherwise reach an api whose pool is closing.
    await this.simulator?.close();
    await this.api?.close();
    for (const w of this.workers) await w.close();
    await this.rpcProxy.close();
    await this.chain.stop();
    await this.db.drop();
  }
}
