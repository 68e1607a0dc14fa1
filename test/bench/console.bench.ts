// `npm run bench:console`: the staff console's list and story pages against a log of 1M entries
// (BENCH_LOG_SIZE), through the real api over HTTP with a staff session. A benchmark, not a test:
// it prints p50/p95 per page and asserts nothing. Issue 16 asks both pages to answer within 300 ms p95.
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import { CLI_ACTOR, StaffAccountsService } from '#sigillo/auth';
import { dropDatabase, ensureDatabase, migrateDatabase } from '#sigillo/dev-stack';
import { ApiConfig, loadConfig } from '#sigillo/platform';
import { createApi } from '../../apps/api/src/create-api.js';
import { BENCH_TENANT, ENTRIES_PER_NOTIFICATION, seedConsoleData } from './console-seed.js';
import { formatNumber, percentile, printTable } from './stats.js';

const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sigillo');
base.pathname = '/sigillo_bench_console';
const databaseUrl = base.toString();
const LOG_SIZE = Number(process.env.BENCH_LOG_SIZE ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const PASSWORD = 'bench staff password';

async function main(): Promise<void> {
  const say = (line: string) => console.log(`  ${line}`);
  console.log(`bench:console on ${databaseUrl.replace(/\/\/[^@]*@/, '//')} (fresh database, ${formatNumber(LOG_SIZE)} entries)\n`);
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let api: INestApplication | undefined;
  try {
    // The bench tenant has 4/5 of the notifications, the other tenant 1/5.
    const notifications = Math.round((LOG_SIZE / ENTRIES_PER_NOTIFICATION) * 0.8);
    const t0 = performance.now();
    await seedConsoleData(db, notifications, say);
    const { rows: sizeRows } = await db.query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entries');
    say(`seeded ${formatNumber(Number(sizeRows[0].n))} entries in ${formatNumber((performance.now() - t0) / 1000, 1)} s`);

    api = await createApi(
      loadConfig(ApiConfig, {
        DATABASE_URL: databaseUrl,
        LEDGER_CONTRACT_ADDRESS: '0x' + '0'.repeat(40),
        LOG_LEVEL: 'error',
        QUEUE_PREFIX: 'sigillo-bench-console',
      }),
    );
    await api.listen(0, '127.0.0.1');
    const url = await api.getUrl();
    await api
      .get(StaffAccountsService)
      .create(BENCH_TENANT, { email: 'bench@negozio.test', displayName: 'Bench', role: 'auditor', password: PASSWORD }, CLI_ACTOR);
    const signedIn = await fetch(`${url}/console/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: BENCH_TENANT, email: 'bench@negozio.test', password: PASSWORD }),
    });
    if (signedIn.status !== 200) throw new Error(`sign-in: ${signedIn.status}`);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
    const get = async (path: string): Promise<{ ms: number; body: any }> => {
      const t = performance.now();
      const res = await fetch(`${url}${path}`, { headers: { cookie } });
      const body = await res.json();
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return { ms, body };
    };

    const { rows: picks } = await db.query<{ id: string; phone: string; code: string; event_id: string }>(
      `SELECT n.id::text AS id, n.recipient AS phone, e.payload->'data'->>'documentCode' AS code, n.event_id
         FROM notifications n JOIN events e ON e.tenant_id = n.tenant_id AND e.event_id = n.event_id
        WHERE n.tenant_id = $1 ORDER BY random() LIMIT $2`,
      [BENCH_TENANT, SAMPLES],
    );
    const firstPage = await get('/console/api/messages');
    const cursors = [firstPage.body.nextCursor as string];
    for (let i = 0; i < 20; i++) cursors.push((await get(`/console/api/messages?cursor=${cursors[cursors.length - 1]}`)).body.nextCursor);

    const pages: [string, (i: number) => string][] = [
      ['list, no filter (first page, 50 rows)', () => '/console/api/messages'],
      ['list, next pages (keyset cursor)', (i) => `/console/api/messages?cursor=${cursors[i % cursors.length]}`],
      ['list, outcome=refused', () => '/console/api/messages?outcome=refused'],
      ['list, outcome=failed', () => '/console/api/messages?outcome=failed'],
      ['list, reason=OPTED_OUT', () => '/console/api/messages?reason=OPTED_OUT'],
      ['list, order code', (i) => `/console/api/messages?reference=${picks[i].code}`],
      ['list, phone', (i) => `/console/api/messages?phone=${encodeURIComponent(picks[i].phone)}`],
      ['list, free text (order code)', (i) => `/console/api/messages?q=${picks[i].code}`],
      ['list, event id', (i) => `/console/api/messages?eventId=${encodeURIComponent(picks[i].event_id)}`],
      ['list, last 24 hours, refused', () => `/console/api/messages?outcome=refused&from=${new Date(Date.now() - 86_400_000).toISOString()}`],
      ['story (5 entries, anchoring)', (i) => `/console/api/messages/${picks[i].id}`],
    ];
    const rows: string[][] = [];
    for (const [name, path] of pages) {
      await get(path(0)); // warm the statement on a connection
      const ms: number[] = [];
      for (let i = 0; i < SAMPLES; i++) ms.push((await get(path(i % picks.length))).ms);
      rows.push([name, formatNumber(percentile(ms, 50), 1), formatNumber(percentile(ms, 95), 1), formatNumber(Math.max(...ms), 1)]);
      say(`${name}: p95 ${formatNumber(percentile(ms, 95), 1)} ms`);
    }
    console.log(
      `\nConsole pages over HTTP with a staff session, ${formatNumber(Number(sizeRows[0].n))} ledger entries, ${formatNumber(notifications)} notifications of the tenant, ${SAMPLES} requests each, one at a time:`,
    );
    printTable(['page', 'p50 ms', 'p95 ms', 'max ms'], rows);
  } finally {
    await api?.close();
    await db.end();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench:console failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
