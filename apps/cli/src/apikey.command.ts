// `sigillo apikey create --role <role>`: makes an API key and prints it once; only its hash is kept.
import { parseArgs } from 'node:util';
import { ApiKeyRepository, ApiKeysService, API_ROLES, ApiRole } from '#sigillo/auth';
import { DatabaseConfig, PgPool } from '#sigillo/platform';
import { cliConfig } from './cli-config.js';
import type { CliCommand, CliIo } from './main.js';

const USAGE = `usage: sigillo apikey create --role <${API_ROLES.join('|')}> [--tenant TENANT_ID] [--label TEXT]

Creates an API key and prints it on stdout, once: only its SHA-256 is stored. Without --tenant the
key is deployment-wide (an operator's or an auditor of the whole log); with it, the key acts for
that tenant only. Reads DATABASE_URL from the environment.`;

export const command: CliCommand = {
  summary: 'create an API key (printed once)',
  usage: USAGE,
  run: runApiKey,
};

async function runApiKey(args: string[], io: CliIo): Promise<number> {
  let parsed: { values: { role?: string; label?: string; tenant?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { role: { type: 'string' }, label: { type: 'string' }, tenant: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    io.err(`sigillo apikey: ${(e as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'create') {
    io.err(USAGE);
    return 2;
  }
  if (!values.role || !(API_ROLES as readonly string[]).includes(values.role)) {
    io.err(`sigillo apikey: --role must be one of ${API_ROLES.join(', ')}`);
    return 2;
  }
  if (values.tenant !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.tenant)) {
    io.err('sigillo apikey: --tenant must be a tenant id (a UUID; see `sigillo tenant list`)');
    return 2;
  }
  const config = cliConfig(DatabaseConfig, 'apikey', io);
  if (!config) return 2;
  const pool = new PgPool(config);
  try {
    const { key } = await new ApiKeysService(new ApiKeyRepository(pool)).create(values.role as ApiRole, values.label ?? '', values.tenant ?? null);
    io.out(key);
    return 0;
  } finally {
    await pool.end();
  }
}
