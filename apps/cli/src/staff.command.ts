// `sigillo staff create|disable|list`: the console's staff accounts. A password is read from
// SIGILLO_STAFF_PASSWORD or asked on the terminal, never taken as an argument (it would sit in the
// shell's history and the process list).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CLI_ACTOR, isStaffRole, normalizeEmail, passwordProblem, STAFF_ROLES, StaffAccountsService, StaffRepository, type StaffAccount } from '#sigillo/auth';
import { DatabaseConfig, PgPool } from '#sigillo/platform';
import { cliConfig } from './cli-config.js';
import type { CliCommand, CliIo } from './main.js';

const USAGE = `usage: sigillo staff create --email EMAIL --role ${STAFF_ROLES.join('|')} [--tenant TENANT_ID] [--name NAME]
       sigillo staff disable --email EMAIL [--tenant TENANT_ID]
       sigillo staff list [--tenant TENANT_ID] [--json]

create: a staff account for the console at /console. Without --tenant it is a global operator,
who sees every tenant (only --role admin or auditor make sense there). The password comes from
SIGILLO_STAFF_PASSWORD, or is asked on the terminal; at least 12 characters. The account's creation
is recorded in the ledger (config.staff_account_created, naming the command line, never the e-mail).
disable: the account can no longer sign in; its sessions end at once (config.staff_account_disabled).
list: the accounts of a tenant (or the global operators without --tenant); --json for every field.
Reads DATABASE_URL from the environment.`;

export const command: CliCommand = {
  summary: 'create, disable or list staff accounts of the console',
  usage: USAGE,
  run: runStaff,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where the password comes from: the environment, or a prompt on a terminal. */
export interface PasswordSource {
  env: string | undefined;
  ask: (() => Promise<string>) | null;
}

async function runStaff(args: string[], io: CliIo, password: PasswordSource = defaultPasswordSource()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        tenant: { type: 'string' },
        name: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    io.err(`sigillo staff: ${(e as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const action = positionals[0];
  if (positionals.length !== 1 || !['create', 'disable', 'list'].includes(action)) {
    io.err(USAGE);
    return 2;
  }
  if (values.tenant !== undefined && !UUID.test(values.tenant)) {
    io.err('sigillo staff: --tenant must be a tenant id (a UUID; see `sigillo tenant list`)');
    return 2;
  }
  if (action !== 'list' && !values.email) {
    io.err(`sigillo staff ${action}: --email is required`);
    return 2;
  }
  if (action === 'create' && !isStaffRole(values.role)) {
    io.err(`sigillo staff create: --role must be one of ${STAFF_ROLES.join(', ')}`);
    return 2;
  }
  let secret: string | undefined;
  if (action === 'create') {
    secret = password.env ?? (password.ask ? await password.ask() : undefined);
    if (secret === undefined) {
      io.err('sigillo staff create: set SIGILLO_STAFF_PASSWORD, or run it on a terminal to be asked');
      return 2;
    }
    const problem = passwordProblem(secret);
    if (problem) {
      io.err(`sigillo staff create: the password ${problem}`);
      return 2;
    }
  }
  const config = cliConfig(DatabaseConfig, 'staff', io);
  if (!config) return 2;
  const pool = new PgPool(config);
  const staff = new StaffAccountsService(new StaffRepository(pool));
  const tenantId = values.tenant?.toLowerCase() ?? null;
  try {
    if (action === 'list') {
      const accounts = await staff.list(tenantId);
      if (values.json) io.out(JSON.stringify(accounts, null, 2));
      else for (const a of accounts) io.out(line(a));
      return 0;
    }
    const email = normalizeEmail(values.email!);
    if (action === 'create') {
      try {
        const account = await staff.create(
          tenantId,
          { email, displayName: values.name ?? email.split('@')[0], role: values.role, password: secret },
          CLI_ACTOR,
        );
        io.out(values.json ? JSON.stringify(account, null, 2) : `created ${line(account)}`);
        return 0;
      } catch (e) {
        const answer = (e as { getResponse?: () => { errors?: { field: string; message: string }[] } }).getResponse?.();
        if (!answer?.errors) throw e;
        for (const err of answer.errors) io.err(`sigillo staff create: --${err.field === 'displayName' ? 'name' : err.field} ${err.message}`);
        return 2;
      }
    }
    const found = await staff.findByEmail(tenantId, email);
    if (!found) {
      io.err(`sigillo staff disable: no account ${email}${tenantId ? ` in tenant ${tenantId}` : ' among the global operators'}`);
      return 1;
    }
    const disabled = await staff.disable(found.id, { tenantId, anyTenant: false }, CLI_ACTOR);
    io.out(`disabled ${line(disabled)}`);
    return 0;
  } finally {
    await pool.end();
  }
}

function line(a: StaffAccount): string {
  return `${a.id}  ${a.email}  ${a.role}  ${a.tenantId ?? 'global'}${a.disabledAt ? `  disabled ${a.disabledAt.toISOString()}` : ''}`;
}

function defaultPasswordSource(): PasswordSource {
  return { env: process.env.SIGILLO_STAFF_PASSWORD, ask: process.stdin.isTTY && process.stderr.isTTY ? askHidden : null };
}

/** Reads a line from the terminal without echoing it. */
function askHidden(): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (s: string) => void };
    process.stderr.write('password: ');
    output._writeToOutput = () => undefined;
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
