import { runQuietly } from './run-quietly.js';
import { DEMO_BINDINGS } from './demo-bindings.js';

export const DEMO_PHONE_NUMBER_ID = '100000000000001';
export const DEMO_WABA_ID = '200000000000001';
export const DEMO_TOKEN = 'sim-token';

export interface DemoTenant {
  tenantId: string;
  passweb: string;
  auditor: string;
  admin: string;
}

/**
 * The demo tenant bound to the simulator: created on the first run, given fresh keys on later ones
 * (keys are shown once, so old ones cannot be read back).
 */
export async function ensureDemoTenant(cli: string, simulatorUrl: string, env: NodeJS.ProcessEnv): Promise<DemoTenant> {
  const list = JSON.parse(await runQuietly(process.execPath, [cli, 'tenant', 'list', '--json'], 'tenant list', env)) as { id: string; phoneNumberId: string }[];
  const existing = list.find((t) => t.phoneNumberId === DEMO_PHONE_NUMBER_ID);
  if (!existing) {
    const args = [
      'tenant',
      'create',
      '--json',
      '--name',
      'Demo Passweb shop',
      '--phone-number-id',
      DEMO_PHONE_NUMBER_ID,
      '--waba-id',
      DEMO_WABA_ID,
      '--base-url',
      simulatorUrl,
      '--simulator',
      '--token',
      DEMO_TOKEN,
    ];
    const created = JSON.parse(await runQuietly(process.execPath, [cli, ...args], 'tenant create', env)) as {
      tenant: { id: string };
      keys: { passweb: string; auditor: string; admin: string };
    };
    return { tenantId: created.tenant.id, ...created.keys };
  }
  const key = async (role: string) =>
    (await runQuietly(process.execPath, [cli, 'apikey', 'create', '--role', role, '--tenant', existing.id], `apikey create --role ${role}`, env)).trim();
  return { tenantId: existing.id, passweb: await key('passweb'), auditor: await key('auditor'), admin: await key('admin') };
}

/** Syncs the simulator's catalog and binds the ten events, through the api as an admin would. */
export async function bindDemoTemplates(apiUrl: string, adminKey: string): Promise<void> {
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  };
  await call('POST', '/v1/templates/sync');
  for (const [eventType, binding] of Object.entries(DEMO_BINDINGS)) await call('PUT', `/v1/bindings/${eventType}`, binding);
}
