// `npm run dev`: the whole local stack in one terminal (PostgreSQL and Redis must already run).
// Ctrl-C stops everything it started. The api, worker or simulator dying on its own is restarted,
// with a line saying so; the chain dying, or one of them crashing again and again, stops the rest
// and exits 1.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { Wallet } from 'ethers';

import {
  deployNotificationLedger,
  hardhatAccounts,
  hardhatNodeErrorFilter,
  startHardhatNode,
  ensureDatabase,
  migrateDatabase,
  redactUrl,
  checkPostgres,
  checkRedis,
} from '#sigillo/dev-stack';
import { repoRoot } from '#sigillo/platform';
import { createApiKey } from './dev/api-keys.js';
import { ensureDemoStaff } from './dev/demo-staff.js';
import { bindDemoTemplates, ensureDemoTenant } from './dev/demo-tenant.js';
import { compileContractsIfStale } from './dev/contracts.js';
import { builtEntryPoints } from './dev/entry-points.js';
import { apiUrlOf, devSettings, localChainAddress } from './dev/settings.js';
import { loadOrCreateSignerKey, signerKeyFromEnv } from './dev/signer-key.js';
import { Supervisor } from './dev/supervisor.js';
import { waitForApi } from './dev/wait-for-api.js';

class Interrupted {
  constructor(readonly signal: string) {}
}
class ChildDied {
  constructor(
    readonly name: string,
    readonly how: string,
  ) {}
}

const SIMULATOR_PORT = 3100;
const DEV_APP_SECRET = 'sim-app-secret';

const say = (line: string) => process.stdout.write(`dev: ${line}\n`);

async function main(): Promise<number> {
  const root = repoRoot();
  const devDir = join(root, '.dev');
  // Present only while a stack is up: whoever reads it never gets a dead stack's URLs and keys.
  const stackFile = join(devDir, 'stack.json');
  rmSync(stackFile, { force: true });
  const settings = devSettings();
  const stop = new AbortController();
  const supervisor = new Supervisor((name, how) => stop.abort(new ChildDied(name, how)), say);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => stop.abort(new Interrupted(signal)));
  }
  const step = async <T>(what: string, run: () => Promise<T> | T): Promise<T> => {
    stop.signal.throwIfAborted();
    say(what);
    const result = await run();
    stop.signal.throwIfAborted();
    return result;
  };

  try {
    if (process.env.LEDGER_CONTRACT_ADDRESS) {
      say('ignoring LEDGER_CONTRACT_ADDRESS from the environment: dev deploys a fresh contract');
    }
    const apps = await step('checking the build', () => builtEntryPoints(root));

    await step('checking PostgreSQL and Redis', () => Promise.all([checkPostgres(settings.DATABASE_URL), checkRedis(settings.REDIS_URL)]));

    await step(`migrating ${redactUrl(settings.DATABASE_URL)}`, async () => {
      await ensureDatabase(settings.DATABASE_URL);
      await migrateDatabase(settings.DATABASE_URL);
    });

    await step('compiling contracts if changed', compileContractsIfStale);

    const chain = await step(`starting a Hardhat node at ${settings.CHAIN_RPC_URL}`, async () => {
      const isError = hardhatNodeErrorFilter();
      const node = await startHardhatNode({
        ...localChainAddress(settings.CHAIN_RPC_URL),
        cwd: root,
        // One line per JSON-RPC request drowns the api and worker: show failures only.
        onLine: (line, stream) => {
          if (stream === 'stderr' || isError(line)) process.stderr.write(`[chain] ${line}\n`);
        },
      });
      supervisor.adopt('chain', node.process, node.stop, 'a new chain would hold neither the contract nor its anchors');
      return node;
    });

    const ledger = await step('deploying NotificationLedger', () =>
      deployNotificationLedger({
        rpcUrl: chain.url,
        deployerKey: hardhatAccounts[0].privateKey,
        admin: hardhatAccounts[0].address,
        anchorer: new Wallet(settings.ANCHOR_PRIVATE_KEY).address,
      }),
    );

    const keys = await step('loading the checkpoint signer key', () =>
      settings.CHECKPOINT_SIGNER_KEY
        ? signerKeyFromEnv(settings.CHECKPOINT_SIGNER_KEY, settings.LEDGER_ORIGIN)
        : loadOrCreateSignerKey(join(devDir, 'signer.key'), settings.LEDGER_ORIGIN),
    );

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...settings,
      LEDGER_CONTRACT_ADDRESS: ledger.address,
      CHECKPOINT_SIGNER_KEY: keys.signerKey,
      // The simulator signs its webhooks with this; a real deployment uses its Meta app secret.
      WHATSAPP_APP_SECRET: process.env.WHATSAPP_APP_SECRET || DEV_APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: process.env.WHATSAPP_VERIFY_TOKEN || 'sigillo-dev-verify-token',
      // Logs a person reads in this terminal (LOG_FORMAT=json keeps them JSON), coloured when it is one.
      LOG_FORMAT: process.env.LOG_FORMAT || 'pretty',
      ...(process.stdout.isTTY && !('NO_COLOR' in process.env) ? { FORCE_COLOR: '1' } : {}),
    };

    const apiKeys = await step('creating an auditor and an admin API key', async () => ({
      auditor: await createApiKey(apps.cli, 'auditor', env),
      admin: await createApiKey(apps.cli, 'admin', env),
    }));

    const simulatorUrl = `http://127.0.0.1:${SIMULATOR_PORT}`;
    await step(`starting the WhatsApp Cloud API simulator at ${simulatorUrl}`, async () => {
      const simulatorEnv = {
        ...env,
        SIMULATOR_PORT: String(SIMULATOR_PORT),
        SIMULATOR_APP_SECRET: env.WHATSAPP_APP_SECRET!.split(',')[0],
        // Status, inbound and template webhooks go to our api (retried by the simulator until it is up).
        SIMULATOR_WEBHOOK_URL: `${apiUrlOf(settings)}/v1/webhooks/whatsapp`,
      };
      supervisor.spawn('simulator', process.execPath, [apps.simulator], { env: simulatorEnv, cwd: root });
      await waitForApi(simulatorUrl, stop.signal, '/health');
    });

    const demo = await step('preparing the demo tenant (bound to the simulator)', () => ensureDemoTenant(apps.cli, simulatorUrl, env));
    const staff = await step('preparing its console admin', () => ensureDemoStaff(apps.cli, demo.tenantId, env));

    const apiUrl = apiUrlOf(settings);
    await step('starting the api and the worker', async () => {
      supervisor.spawn('api', process.execPath, [apps.api], { env, cwd: root });
      supervisor.spawn('worker', process.execPath, [apps.worker], { env, cwd: root });
      await waitForApi(apiUrl, stop.signal);
    });

    await step('syncing the demo catalog and binding the ten Passweb events', () => bindDemoTemplates(apiUrl, demo.admin));

    mkdirSync(devDir, { recursive: true });
    const stack = {
      apiUrl,
      rpcUrl: chain.url,
      chainId: Number(chain.chainId),
      contract: ledger.address,
      auditorApiKey: apiKeys.auditor,
      adminApiKey: apiKeys.admin,
      verifierKey: keys.verifierKey,
      databaseUrl: settings.DATABASE_URL,
      simulatorUrl,
      tenantId: demo.tenantId,
      passwebApiKey: demo.passweb,
      tenantAuditorApiKey: demo.auditor,
      tenantAdminApiKey: demo.admin,
      console: { url: `${apiUrl}/console`, tenant: staff.tenantId, email: staff.email, password: staff.password },
    };
    writeFileSync(stackFile, `${JSON.stringify(stack, null, 2)}\n`, { mode: 0o600 });

    say('the stack is up');
    say(`  api       ${apiUrl}`);
    say(`  console   ${apiUrl}/console (shop ${staff.tenantId}, ${staff.email}, password ${staff.password})`);
    say(`  simulator ${simulatorUrl} (messages: ${simulatorUrl}/_sim/messages)`);
    say(`  chain     ${chain.url} (chain id ${chain.chainId})`);
    say(`  contract  ${ledger.address}`);
    say(`  verifier  ${keys.verifierKey}`);
    say(`  API keys and the rest: ${relative(process.cwd(), stackFile) || stackFile}`);
    say('Ctrl-C stops it');

    await new Promise((resolve) => stop.signal.addEventListener('abort', resolve, { once: true }));
    stop.signal.throwIfAborted();
    return 0; // not reached: only an abort ends the wait
  } catch (err) {
    const reason = stop.signal.aborted ? stop.signal.reason : err;
    if (reason instanceof Interrupted) say(`${reason.signal}: stopping ${supervisor.names().join(', ') || 'nothing'}`);
    else if (reason instanceof ChildDied) say(`${reason.name} ${reason.how}; stopping the rest`);
    else say(`failed: ${reason instanceof Error ? reason.message : String(reason)}`);
    await supervisor.stopAll();
    rmSync(stackFile, { force: true });
    return reason instanceof Interrupted ? 0 : 1;
  }
}

process.exit(await main());
