import { runQuietly } from './run-quietly.js';

/** Creates an API key with the project's own CLI, so dev exercises the path operators use. */
export async function createApiKey(cli: string, role: 'auditor' | 'admin', env: NodeJS.ProcessEnv): Promise<string> {
  const stdout = await runQuietly(process.execPath, [cli, 'apikey', 'create', '--role', role], `apikey create --role ${role}`, env);
  const key = stdout.trim();
  if (!key || /\s/.test(key)) throw new Error(`apikey create --role ${role} printed ${JSON.stringify(stdout)}, expected just the key`);
  return key;
}
