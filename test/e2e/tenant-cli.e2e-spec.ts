import pg from 'pg';
import { runCli } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/test-stack.js';

// Tenants are created only through `sigillo tenant create` (no HTTP route changes them), so the
// provider base URL rule is checked here, end to end, and exhaustively in provider-base-url.spec.ts.
let database: TestDatabase;
let db: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  db = new pg.Client({ connectionString: database.url });
  await db.connect();
}, 60_000);

afterAll(async () => {
  await db?.end();
  await database?.drop();
});

let phoneNumberId = 100_000_000_000_100;
function create(baseUrl: string, ...extra: string[]) {
  const id = String(phoneNumberId++);
  return runCli(
    [
      'tenant',
      'create',
      '--json',
      '--name',
      `Shop ${id}`,
      '--phone-number-id',
      id,
      '--waba-id',
      `2${id}`,
      '--base-url',
      baseUrl,
      '--token',
      'tok-not-printed',
      ...extra,
    ],
    {
      DATABASE_URL: database.url,
    },
  );
}

async function rows(): Promise<{ tenants: number; keys: number }> {
  const { rows: r } = await db.query<{ tenants: number; keys: number }>(
    'SELECT (SELECT count(*) FROM tenants)::int AS tenants, (SELECT count(*) FROM api_keys)::int AS keys',
  );
  return r[0];
}

describe('sigillo tenant create --base-url', () => {
  it.each([
    ['http://graph.facebook.com', /^sigillo tenant create: --base-url must be https: the provider token travels with every request/],
    ['https://169.254.169.254/latest', /^sigillo tenant create: --base-url must name a public host, not a link-local address/],
    ['https://[fe80::1]', /^sigillo tenant create: --base-url must name a public host, not a link-local address/],
    ['https://10.1.2.3', /^sigillo tenant create: --base-url must name a public host, not a private address/],
    ['https://192.168.0.10/wa', /^sigillo tenant create: --base-url must name a public host, not a private address/],
    ['https://localhost:8443', /^sigillo tenant create: --base-url must name a public host, not localhost/],
    ['https://127.0.0.1', /^sigillo tenant create: --base-url must name a public host, not a loopback address/],
    ['https://0.0.0.0', /^sigillo tenant create: --base-url must name a public host, not an unspecified address/],
    ['https://metadata.google.internal', /^sigillo tenant create: --base-url must name a public host, not a cloud metadata host/],
    ['http://127.0.0.1:3100', /^sigillo tenant create: --base-url must be https/],
  ])('refuses %s with exit 2, naming --base-url, and writes nothing', async (url, message) => {
    const before = await rows();
    const res = await create(url);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toMatch(message);
    expect(res.stdout).toBe('');
    expect(await rows()).toEqual(before);
  });

  it('creates a tenant with a public https URL, stored without trailing slashes', async () => {
    const res = await create('https://graph.facebook.com/');
    expect(res.code).toBe(0);
    const { tenant } = JSON.parse(res.stdout) as { tenant: { id: string; providerBaseUrl: string } };
    expect(tenant.providerBaseUrl).toBe('https://graph.facebook.com');
    expect((await db.query('SELECT provider_base_url FROM tenants WHERE id = $1', [tenant.id])).rows[0].provider_base_url).toBe('https://graph.facebook.com');
  });

  it('lets the local simulator use plain http on a loopback address with --simulator', async () => {
    const res = await create('http://127.0.0.1:3100', '--simulator');
    expect(res.code).toBe(0);
    expect((JSON.parse(res.stdout) as { tenant: { providerBaseUrl: string } }).tenant.providerBaseUrl).toBe('http://127.0.0.1:3100');
  });
});
