import pg from 'pg';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/test-stack.js';

// `sigillo staff create|disable|list` against a real database: accounts, their ledger entries, and
// the refusals that write nothing.
let database: TestDatabase;
let db: pg.Client;
let tenantId: string;
const PASSWORD = 'a long staff password';

beforeAll(async () => {
  database = await createTestDatabase();
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const created = await runCli(
    [
      'tenant',
      'create',
      '--json',
      '--name',
      'Negozio CLI',
      '--phone-number-id',
      '100000000000777',
      '--waba-id',
      '200000000000777',
      '--base-url',
      'https://graph.facebook.com',
      '--token',
      'tok',
    ],
    {
      DATABASE_URL: database.url,
    },
  );
  expect(created.code).toBe(0);
  tenantId = JSON.parse(created.stdout).tenant.id;
}, 60_000);

afterAll(async () => {
  await db?.end();
  await database?.drop();
});

/** `password` null: none in the environment (and no terminal to ask on). */
const staff = (args: string[], password: string | null = PASSWORD) =>
  runCli(['staff', ...args], { DATABASE_URL: database.url, ...(password === null ? {} : { SIGILLO_STAFF_PASSWORD: password }) });

async function counts(): Promise<{ accounts: number; entries: number }> {
  const { rows } = await db.query(
    "SELECT (SELECT count(*) FROM staff_accounts)::int AS accounts, (SELECT count(*) FROM ledger_entries WHERE type LIKE 'config.staff%')::int AS entries",
  );
  return rows[0];
}

describe('sigillo staff', () => {
  it('creates an account of a tenant and a global operator, each recorded by a ledger entry naming the command line', async () => {
    const res = await staff(['create', '--tenant', tenantId, '--email', 'Anna@Negozio.test', '--role', 'support', '--name', 'Anna']);
    expect(res).toMatchObject({ code: 0, stderr: '' });
    expect(res.stdout).toMatch(new RegExp(`^created [0-9a-f-]{36}  anna@negozio.test  support  ${tenantId}\\n$`));
    expect((await staff(['create', '--email', 'op@sigillo.test', '--role', 'admin'])).code).toBe(0);
    const { rows } = await db.query("SELECT tenant_id::text AS tenant_id, body FROM ledger_entries WHERE type = 'config.staff_account_created' ORDER BY id");
    expect(rows.map((r) => r.body)).toEqual([
      { tenantId, actor: { kind: 'cli', id: 'cli' }, accountId: expect.any(String), role: 'support' },
      { tenantId: null, actor: { kind: 'cli', id: 'cli' }, accountId: expect.any(String), role: 'admin' },
    ]);
    const hash = (await db.query("SELECT password_hash FROM staff_accounts WHERE email = 'anna@negozio.test'")).rows[0].password_hash;
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain(PASSWORD);
  });

  it('lists the accounts of a tenant, or the global operators', async () => {
    const tenant = await staff(['list', '--tenant', tenantId]);
    expect(tenant.stdout.trim().split('\n')).toEqual([expect.stringContaining('anna@negozio.test  support')]);
    const json = JSON.parse((await staff(['list', '--json'])).stdout);
    expect(json).toEqual([expect.objectContaining({ email: 'op@sigillo.test', role: 'admin', tenantId: null, disabledAt: null })]);
    expect(JSON.stringify(json)).not.toMatch(/scrypt|password/i);
  });

  it('disables an account, once, recorded', async () => {
    const res = await staff(['disable', '--tenant', tenantId, '--email', 'anna@negozio.test']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^disabled .* disabled 20/);
    const again = await staff(['disable', '--tenant', tenantId, '--email', 'anna@negozio.test']);
    expect(again.code).toBe(0);
    expect((await db.query("SELECT count(*)::int AS n FROM ledger_entries WHERE type = 'config.staff_account_disabled'")).rows[0].n).toBe(1);
    expect(await staff(['disable', '--tenant', tenantId, '--email', 'nobody@negozio.test'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no account nobody@negozio.test'),
    });
  });

  it.each([
    [['create', '--email', 'x@y.test', '--role', 'owner'], PASSWORD, /--role must be one of admin, support, auditor/],
    [['create', '--role', 'admin'], PASSWORD, /--email is required/],
    [['create', '--email', 'x@y.test', '--role', 'admin', '--tenant', 'shop'], PASSWORD, /--tenant must be a tenant id/],
    [['create', '--email', 'x@y.test', '--role', 'admin'], 'short', /the password must be at least 12 characters/],
    [['create', '--email', 'x@y.test', '--role', 'admin'], null, /set SIGILLO_STAFF_PASSWORD/],
    [['create', '--email', 'not-an-email', '--role', 'admin'], PASSWORD, /--email must be an e-mail address/],
    [['rename'], PASSWORD, /usage: sigillo staff/],
    [['create', '--email', 'x@y.test', '--role', 'admin', '--password', 'inline'], PASSWORD, /Unknown option '--password'/],
  ])('refuses %j with exit 2 and writes nothing', async (args, password, message) => {
    const before = await counts();
    const res = await staff(args as string[], password as string | null);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message as RegExp);
    expect(await counts()).toEqual(before);
  });

  it('refuses an e-mail already used in the tenant', async () => {
    const before = await counts();
    const res = await staff(['create', '--tenant', tenantId, '--email', 'anna@negozio.test', '--role', 'admin']);
    expect(res.code).not.toBe(0);
    expect(await counts()).toEqual(before);
  });

  it('records every tenant setting changed at the command line, and a secret only as changed', async () => {
    const env = { DATABASE_URL: database.url };
    expect((await runCli(['tenant', 'set-number-mode', '--id', tenantId, '--number-mode', 'coexistence'], env)).code).toBe(0);
    expect((await runCli(['tenant', 'set-opt-out-keywords', '--id', tenantId, '--keyword', 'basta', '--keyword', 'stop promo'], env)).code).toBe(0);
    expect((await runCli(['tenant', 'set-app-secret', '--id', tenantId, '--app-secret', 'a-very-secret-app-secret-0123456789'], env)).code).toBe(0);
    const { rows } = await db.query("SELECT body FROM ledger_entries WHERE type = 'config.tenant_setting_changed' ORDER BY id");
    const cli = { kind: 'cli', id: 'cli' };
    expect(rows.map((r) => r.body)).toEqual([
      {
        tenantId,
        actor: cli,
        setting: 'created',
        secret: false,
        value: expect.objectContaining({
          name: 'Negozio CLI',
          phoneNumberId: '100000000000777',
          numberMode: 'cloud_api',
          throughputPerSecond: 80,
          ownAppSecret: false,
        }),
      },
      { tenantId, actor: cli, setting: 'numberMode', secret: false, value: 'coexistence' },
      { tenantId, actor: cli, setting: 'throughputPerSecond', secret: false, value: 20 },
      { tenantId, actor: cli, setting: 'optOutKeywords', secret: false, value: ['basta', 'stop promo'] },
      { tenantId, actor: cli, setting: 'appSecret', secret: true },
    ]);
    const all = (await db.query("SELECT string_agg(body::text, ' ') AS text FROM ledger_entries")).rows[0].text as string;
    expect(all).not.toContain('a-very-secret-app-secret');
    expect(all).not.toContain('"tok"');
    // The tenant's keys were recorded too, by id and role, never the key.
    expect(
      (await db.query("SELECT body->>'role' AS role FROM ledger_entries WHERE type = 'config.api_key_created' ORDER BY id")).rows.map((r) => r.role),
    ).toEqual(['passweb', 'auditor', 'admin']);
    // An unknown tenant changes nothing and records nothing.
    const before = (await db.query('SELECT count(*)::int AS n FROM ledger_entries')).rows[0].n;
    expect((await runCli(['tenant', 'set-number-mode', '--id', '00000000-0000-4000-8000-000000000000', '--number-mode', 'cloud_api'], env)).code).toBe(1);
    expect((await db.query('SELECT count(*)::int AS n FROM ledger_entries')).rows[0].n).toBe(before);
  });
});
