import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { createApi } from '../../apps/api/src/create-api.js';
import { createWorker } from '../../apps/worker/src/create-worker.js';
import { ApiKeysService } from '#sigillo/auth';
import { generateSignerKey } from '#sigillo/ledger';
import { TenantsService } from '#sigillo/tenants';
import type { Tenant } from '#sigillo/tenants';
import { startSimulator, type StartedSimulator, type StartSimulatorOptions } from '../../apps/wa-simulator/src/start-simulator.js';
import { ApiConfig, loadConfig, WorkerConfig, PgPool, within } from '#sigillo/platform';
import { stopAll, type Say, type StopStep } from './bounded-stop.js';
import { forceRelease } from './force-release.js';
import { startTcpProxy, TcpProxy } from './tcp-proxy.js';
import { createTestDatabase, startTestChain, TestChain, TestDatabase, uniqueQueuePrefix } from './test-stack.js';

export const TEST_ORIGIN = 'sigillo.test/ledger';
export const SIMULATOR_APP_SECRET = 'sim-app-secret';

// SIGILLO_TEST_LOGS=1 shows what the in-process api and workers log (JSON, LOG_LEVEL info).
const LOG_LEVEL = process.env.SIGILLO_TEST_LOGS ? 'info' : 'error';
// Well inside the 120 s a beforeAll gets, so that the stop after a start given up on fits too.
const START_TIMEOUT_MS = 60_000;

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
    let chain: TestChain | undefined;
    let rpcProxy: TcpProxy | undefined;
    try {
      chain = await startTestChain();
      rpcProxy = await startTcpProxy({ target: chain.url });
    } catch (err) {
      // Both are bounded themselves.
      await chain?.stop().catch(() => undefined);
      await db.drop().catch(() => undefined);
      throw err;
    }
    const stack = new LedgerStack(db, chain, rpcProxy, opts.logDestination);
    const starting = stack.startApps(overrides, opts);
    try {
      await within(starting, START_TIMEOUT_MS, 'the api and the worker starting');
    } catch (err) {
      // The test file's afterAll never sees a stack that failed to start: stop what did, and
      // whatever a start given up on still brings up later.
      await stack.stop().catch(() => undefined);
      void starting.finally(() => stack.stop()).catch(() => undefined);
      throw err;
    }
    return stack;
  }

  private async startApps(overrides: Record<string, string>, opts: { simulator?: StartSimulatorOptions }): Promise<void> {
    const { db, chain, rpcProxy } = this;
    const { signerKey, verifierKey } = generateSignerKey(TEST_ORIGIN);
    this.verifierKey = verifierKey;
    this.env = {
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
      // Whatever a test leaves running is given up on quickly; the stop bounds below allow for it.
      SHUTDOWN_GRACE_MS: '3000',
      ...overrides,
    };
    this.api = await createApi(loadConfig(ApiConfig, this.env), { logDestination: this.logDestination });
    await this.api.listen(0, '127.0.0.1');
    this.apiUrl = await this.api.getUrl();
    const keys = this.api.get(ApiKeysService);
    this.keys = {
      auditor: (await keys.create('auditor')).key,
      admin: (await keys.create('admin')).key,
      passweb: (await keys.create('passweb')).key,
    };
    if (opts.simulator) {
      // Its webhooks go to our api, signed with the secret the api expects.
      this.simulator = await startSimulator({ appSecret: SIMULATOR_APP_SECRET, webhookUrl: `${this.apiUrl}/v1/webhooks/whatsapp`, ...opts.simulator });
      const created = await this.api.get(TenantsService).create({
        name: 'Negozio di prova',
        phoneNumberId: '100000000000001',
        wabaId: '200000000000001',
        providerBaseUrl: this.simulator.url,
        graphVersion: 'v23.0',
        providerToken: 'sim-token',
        defaultLanguage: 'it',
        defaultCountry: 'IT',
        throughputPerSecond: 80,
      });
      this.tenant = created.tenant;
      this.tenantKeys = created.keys;
    }
    // The worker last: it syncs every tenant's templates when it starts.
    await this.startWorker();
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

  /**
   * Stops everything, each part within its own bound: a part that hangs is reported (with the
   * database sessions it may be stuck on) and forced, and the chain and the database always go.
   */
  async stop(options: { say?: Say } = {}): Promise<void> {
    const waitingFor = (app: INestApplicationContext) => async () => `${poolState(app)}; ${await this.db.describeSessions()}`;
    const endSessions = () => this.db.endSessions();
    const steps: StopStep[] = [];
    // The simulator first: its webhooks would otherwise reach an api whose pool is closing.
    const simulator = this.simulator;
    if (simulator) {
      steps.push({ what: 'the simulator', stop: simulator.close, ms: 10_000, force: () => simulator.app.getHttpServer().closeAllConnections() });
    }
    const api = this.api;
    if (api) {
      steps.push({
        what: 'the api',
        stop: () => api.close(),
        ms: 12_000,
        waitingFor: waitingFor(api),
        force: async () => {
          api.getHttpServer().closeAllConnections();
          await Promise.all([endSessions(), forceRelease(api)]);
        },
      });
    }
    this.workers.forEach((w, i) =>
      steps.push({
        what: `worker ${i + 1}`,
        stop: () => w.close(),
        ms: 12_000,
        waitingFor: waitingFor(w),
        force: () => Promise.all([endSessions(), forceRelease(w)]),
      }),
    );
    steps.push(
      { what: 'the RPC proxy', stop: this.rpcProxy.close, ms: 6_000 },
      { what: 'the chain', stop: this.chain.stop, ms: 15_000 },
      { what: 'the test database', stop: this.db.drop, ms: 20_000 },
    );
    await stopAll(steps, options.say);
  }
}

/** A pool being ended waits for every client checked out, and never answers those queued for one. */
function poolState(app: INestApplicationContext): string {
  try {
    const pool = app.get(PgPool, { strict: false });
    return `its pg pool${pool.ended ? ' (ended)' : pool.ending ? ' (ending)' : ''}: ${pool.totalCount - pool.idleCount} of ${pool.totalCount} clients checked out, ${pool.waitingCount} queued for one`;
  } catch {
    return 'no pg pool';
  }
}
