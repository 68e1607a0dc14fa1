import { runQuietly } from './run-quietly.js';

export const DEMO_STAFF_EMAIL = 'admin@demo.sigillo.local';
// A local stack's account, printed at start like its API keys; SIGILLO_DEV_STAFF_PASSWORD changes it.
const DEFAULT_DEV_PASSWORD = 'sigillo-dev-console';

export interface DemoStaff {
  tenantId: string;
  email: string;
  password: string;
}

/**
 * An admin of the demo tenant for the staff console at /console, created with the CLI on the first
 * run (`sigillo staff create`) and kept afterwards: the password is the one it was created with.
 */
export async function ensureDemoStaff(cli: string, tenantId: string, env: NodeJS.ProcessEnv): Promise<DemoStaff> {
  const password = env.SIGILLO_DEV_STAFF_PASSWORD || DEFAULT_DEV_PASSWORD;
  const list = JSON.parse(await runQuietly(process.execPath, [cli, 'staff', 'list', '--tenant', tenantId, '--json'], 'staff list', env)) as { email: string }[];
  if (!list.some((a) => a.email === DEMO_STAFF_EMAIL)) {
    const args = ['staff', 'create', '--tenant', tenantId, '--email', DEMO_STAFF_EMAIL, '--role', 'admin', '--name', 'Demo admin'];
    await runQuietly(process.execPath, [cli, ...args], 'staff create', { ...env, SIGILLO_STAFF_PASSWORD: password });
  }
  return { tenantId, email: DEMO_STAFF_EMAIL, password };
}
