// `npm run bench:sql`: the candidate typed SQL layers on the two hot statements (event intake and
// delivery statuses), against today's positional named prepared statements. Per statement: the
// client CPU of this process (process.cpuUsage around the call) and its wall latency, each call
// measured on its own with the candidates taking turns call by call; the median call of each run,
// then the median over the runs. A benchmark,
// not a test: it prints figures and asserts only that every candidate wrote what it should.
import { randomUUID } from 'node:crypto';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '#sigillo/platform';
import { dropDatabase, ensureDatabase, migrateDatabase } from '#sigillo/dev-stack';
import { LedgerAppender } from '#sigillo/ledger';
import type { NewLedgerEntry } from '#sigillo/ledger';
import type { DB } from '#sigillo/db';
import {
  INTAKE_ORDER,
  type IntakeColumns,
  kyselyRecordIntakes,
  kyselyRecordStatuses,
  RECORD_INTAKES_POSITIONAL,
  RECORD_INTAKES_TYPED,
  RECORD_STATUSES_POSITIONAL,
  RECORD_STATUSES_TYPED,
  STATUS_ORDER,
  type StatusColumns,
} from './sql-layer-statements.js';
import { formatNumber, median, percentile, printTable } from './stats.js';

const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sigillo');
base.pathname = '/sigillo_bench_sql';
const databaseUrl = base.toString();

const RUNS = Number(process.env.BENCH_SQL_RUNS ?? 5);
const CALLS = Number(process.env.BENCH_SQL_CALLS ?? 300);
const WARMUP = 30;

type Candidate = 'pg positional (today)' | 'typed sql over pg' | 'Kysely' | 'Prisma TypedSQL';
const CANDIDATES: Candidate[] = ['pg positional (today)', 'typed sql over pg', 'Kysely', 'Prisma TypedSQL'];

interface Case<C> {
  label: string;
  make: () => C;
  /** Runs one statement through a candidate; resolves to the number of rows it returned. */
  call: Record<Candidate, (c: C) => Promise<number>>;
  /** Rows each call must return (every input row new). */
  expectRows: number;
}

async function main(): Promise<void> {
  console.log(`bench:sql on ${databaseUrl.replace(/\/\/[^@]*@/, '//')} (fresh database), ${RUNS} runs x ${CALLS} calls per candidate and case\n`);
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => undefined); // an idle connection lost: the pool replaces it
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 4 }) });
  // TypedSQL's $queryRawTyped needs the client generated with the typedSql preview feature (and
  // `prisma generate --sql` against a live database for its types). At run time it is a flag check
  // and then $queryRawUnsafe's own path with the same text and values (both reach $queryRawInternal,
  // whose args mapper reads a TypedSql's sql and values as it reads [sql, ...values]): measured here so.
  try {
    const tenantId = randomUUID();
    const intake = (size: number): Case<IntakeColumns> => ({
      label: `intake, ${size} event${size === 1 ? '' : 's'}`,
      make: () => intakeColumns(tenantId, size),
      expectRows: size,
      call: {
        'pg positional (today)': async (c) =>
          (await pool.query({ name: 'bench-raw-record-intakes', text: RECORD_INTAKES_POSITIONAL, values: INTAKE_ORDER.map((k) => c[k]) })).rows.length,
        'typed sql over pg': async (c) => (await RECORD_INTAKES_TYPED.rows(pool, c)).length,
        Kysely: async (c) => (await kyselyRecordIntakes(kysely, c).execute()).length,
        'Prisma TypedSQL': async (c) => (await prisma.$queryRawUnsafe<unknown[]>(RECORD_INTAKES_POSITIONAL, ...INTAKE_ORDER.map((k) => c[k]))).length,
      },
    });
    const statuses = (size: number): Case<StatusColumns> => ({
      label: `statuses, ${size} status${size === 1 ? '' : 'es'}`,
      make: () => statusColumns(tenantId, size, pool),
      expectRows: size,
      call: {
        'pg positional (today)': async (c) =>
          (await pool.query({ name: 'bench-raw-record-statuses', text: RECORD_STATUSES_POSITIONAL, values: STATUS_ORDER.map((k) => c[k]) })).rows.length,
        'typed sql over pg': async (c) => (await RECORD_STATUSES_TYPED.rows(pool, c)).length,
        Kysely: async (c) => (await kyselyRecordStatuses(kysely, c).execute()).length,
        'Prisma TypedSQL': async (c) => (await prisma.$queryRawUnsafe<unknown[]>(RECORD_STATUSES_POSITIONAL, ...STATUS_ORDER.map((k) => c[k]))).length,
      },
    });
    // The typed statements compile to the positional texts (whitespace aside): the layers are
    // compared on one statement, and what the typed template adds is only its values array.
    const flat = (text: string) => text.replace(/\s+/g, ' ').trim();
    if (flat(RECORD_INTAKES_TYPED.text) !== flat(RECORD_INTAKES_POSITIONAL)) throw new Error('typed intake statement differs from the positional one');
    if (flat(RECORD_STATUSES_TYPED.text) !== flat(RECORD_STATUSES_POSITIONAL)) throw new Error('typed status statement differs from the positional one');
    const sample = intakeColumns(tenantId, 32);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 100_000; i++) RECORD_INTAKES_TYPED.values(sample);
    const valuesNs = Number(process.hrtime.bigint() - t0) / 100_000;
    console.log(
      `typed template: same SQL text as today's; its own work per call (the values array of ${INTAKE_ORDER.length} named columns): ${formatNumber(valuesNs)} ns\n`,
    );

    // Notifications the statuses will name: made up front, outside any timing.
    const statusNeeds = RUNS * CANDIDATES.length * (WARMUP + CALLS) * (1 + 16);
    await seedNotifications(pool, tenantId, statusNeeds);

    const rows: (string | number)[][] = [];
    for (const c of [intake(1), intake(32), statuses(1), statuses(16)] as Case<unknown>[]) {
      const figures = await measure(c);
      const baseline = figures.get('pg positional (today)')!;
      for (const name of CANDIDATES) {
        const f = figures.get(name)!;
        rows.push([
          c.label,
          name,
          formatNumber(f.cpuUs),
          `${formatNumber((f.cpuUs / baseline.cpuUs) * 100)}%`,
          formatNumber(f.wallUs),
          formatNumber(f.wallP99Us),
          `${formatNumber((f.wallUs / baseline.wallUs) * 100)}%`,
        ]);
      }
      console.error(`done: ${c.label}`);
    }
    console.log('\nPer statement: the median call of each run, median over the runs (CPU: this process; wall: one call, calls in sequence):');
    printTable(['statement', 'layer', 'client CPU µs', 'CPU vs today', 'wall p50 µs', 'wall p99 µs', 'wall vs today'], rows);
  } finally {
    await kysely.destroy().catch(() => undefined); // ends the pool too
    await prisma.$disconnect().catch(() => undefined);
    await dropDatabase(databaseUrl).catch(() => undefined);
  }

  async function measure<C>(c: Case<C>): Promise<Map<Candidate, { cpuUs: number; wallUs: number; wallP99Us: number }>> {
    const perRun = new Map<Candidate, { cpu: number[]; wall: number[]; p99: number[] }>(CANDIDATES.map((n) => [n, { cpu: [], wall: [], p99: [] }]));
    for (let run = 0; run < RUNS; run++) {
      const inputs = new Map<Candidate, C[]>(CANDIDATES.map((n) => [n, Array.from({ length: WARMUP + CALLS }, () => c.make())]));
      for (const name of CANDIDATES) for (let i = 0; i < WARMUP; i++) await expectRows(c.call[name], inputs.get(name)![i], c.expectRows, name);
      // Call by call, the candidates in turn and in a rotating order: whatever else loads the
      // machine (it is shared) falls on all of them alike, and each call is measured on its own.
      const cpu = new Map<Candidate, number[]>(CANDIDATES.map((n) => [n, []]));
      const wall = new Map<Candidate, number[]>(CANDIDATES.map((n) => [n, []]));
      for (let i = WARMUP; i < WARMUP + CALLS; i++) {
        for (let k = 0; k < CANDIDATES.length; k++) {
          const name = CANDIDATES[(i + k) % CANDIDATES.length];
          const cpu0 = process.cpuUsage();
          const t0 = process.hrtime.bigint();
          const got = await c.call[name](inputs.get(name)![i]);
          const t1 = process.hrtime.bigint();
          const used = process.cpuUsage(cpu0);
          if (got !== c.expectRows) throw new Error(`${name}: ${c.label} returned ${got} rows, expected ${c.expectRows}`);
          cpu.get(name)!.push(used.user + used.system);
          wall.get(name)!.push(Number(t1 - t0) / 1000);
        }
      }
      for (const name of CANDIDATES) {
        const r = perRun.get(name)!;
        r.cpu.push(median(cpu.get(name)!));
        r.wall.push(median(wall.get(name)!));
        r.p99.push(percentile(wall.get(name)!, 99));
      }
    }
    return new Map(
      CANDIDATES.map((n) => {
        const r = perRun.get(n)!;
        return [n, { cpuUs: median(r.cpu), wallUs: median(r.wall), wallP99Us: median(r.p99) }];
      }),
    );
  }
}

async function expectRows<C>(call: (c: C) => Promise<number>, input: C, expected: number, name: string): Promise<void> {
  const got = await call(input);
  if (got !== expected) throw new Error(`${name} returned ${got} rows, expected ${expected}`);
}

let eventCounter = 0;

/** A batch of new `message.sent` events as the api records them: two ledger entries each, all owing a send. */
function intakeColumns(tenantId: string, size: number): IntakeColumns {
  const c: IntakeColumns = {
    tenantId: [],
    eventId: [],
    eventType: [],
    requestHash: [],
    occurredAt: [],
    payload: [],
    notificationId: [],
    decision: [],
    reason: [],
    templateName: [],
    language: [],
    category: [],
    recipient: [],
    parameters: [],
    status: [],
    owesSend: [],
    requestId: [],
    entryEvent: [],
    entryType: [],
    entryOccurredAt: [],
    entryBody: [],
    entrySalt: [],
    entrySubject: [],
  };
  const entries: NewLedgerEntry[] = [];
  for (let i = 0; i < size; i++) {
    const n = eventCounter++;
    const eventId = `bench-${process.pid}-${n}`;
    const phone = `+39333${String(1_000_000 + (n % 8_999_999)).padStart(7, '0')}`;
    const occurredAt = new Date();
    const payload = {
      occurredAt: occurredAt.toISOString(),
      recipient: { userId: `u${n}`, phone, language: 'it', groups: [], whatsappOptOut: false },
      data: { firstName: 'Giulia', messageSubject: `Ordine ${n}`, messageText: 'Il tuo preventivo è pronto', siteUrl: 'https://shop.example/area' },
      createdByAgent: false,
    };
    const parameters = { body: ['Giulia', `Ordine ${n}`, 'https://shop.example/area'] };
    const notificationId = randomUUID();
    c.tenantId.push(tenantId);
    c.eventId.push(eventId);
    c.eventType.push('message.sent');
    c.requestHash.push('a'.repeat(64));
    c.occurredAt.push(occurredAt.toISOString());
    c.payload.push(JSON.stringify(payload));
    c.notificationId.push(notificationId);
    c.decision.push('SEND');
    c.reason.push(null);
    c.templateName.push('bench_template');
    c.language.push('it');
    c.category.push('UTILITY');
    c.recipient.push(phone);
    c.parameters.push(JSON.stringify(parameters));
    c.status.push('QUEUED');
    c.owesSend.push(true);
    c.requestId.push(randomUUID());
    entries.push(
      { tenantId, subjectPhone: phone, type: 'event.received', occurredAt, body: { tenantId, eventId, eventType: 'message.sent', ...payload } },
      {
        tenantId,
        subjectPhone: phone,
        type: 'notification.decided',
        occurredAt,
        body: {
          tenantId,
          eventId,
          notificationId,
          decision: 'SEND',
          template: { name: 'bench_template', language: 'it', category: 'UTILITY', status: 'APPROVED' },
          parameters,
        },
      },
    );
    c.entryEvent.push(i + 1, i + 1);
  }
  const e = LedgerAppender.columns(entries);
  c.entryType = e.entryTypes;
  c.entryOccurredAt = e.entryOccurredAt;
  c.entryBody = e.entryBodies;
  c.entrySalt = e.entrySalts;
  c.entrySubject = e.entrySubjects;
  return c;
}

let notificationCounter = 0;

/** Notifications with wamids, as sends leave them: what delivery statuses then name. */
async function seedNotifications(pool: pg.Pool, tenantId: string, count: number): Promise<void> {
  await pool.query(
    `INSERT INTO notifications (id, tenant_id, event_id, decision, template_name, language, category, recipient, status, wamid)
     SELECT gen_random_uuid(), $1, 'seed-' || g, 'SEND', 'bench_template', 'it', 'UTILITY', '+39333' || lpad(g::text, 7, '0'), 'SUBMITTED', 'wamid.seed-' || g
       FROM generate_series(1, $2::int) g`,
    [tenantId, count],
  );
  const { rows } = await pool.query<{ id: string; wamid: string; recipient: string }>(
    `SELECT id, wamid, recipient FROM notifications WHERE tenant_id = $1 ORDER BY wamid`,
    [tenantId],
  );
  for (const r of rows) seeded.push(r);
}
const seeded: { id: string; wamid: string; recipient: string }[] = [];

/** A webhook's worth of `sent` statuses for known messages, each recorded with its ledger entry. */
function statusColumns(tenantId: string, size: number, _pool: pg.Pool): StatusColumns {
  const c: StatusColumns = {
    wamid: [],
    status: [],
    tenantId: [],
    callbackData: [],
    occurredAt: [],
    payload: [],
    notificationId: [],
    entryType: [],
    entryOccurredAt: [],
    entryBody: [],
    entrySalt: [],
    entryTenant: [],
    entrySubject: [],
    entryRef: [],
  };
  const entries: NewLedgerEntry[] = [];
  const batch = Array.from({ length: size }, () => seeded[notificationCounter++]).sort((a, b) => (a.wamid < b.wamid ? -1 : 1));
  batch.forEach((n, i) => {
    if (!n) throw new Error('bench:sql seeded too few notifications');
    const occurredAt = new Date();
    const raw = {
      id: n.wamid,
      status: 'sent',
      timestamp: String(Math.floor(occurredAt.getTime() / 1000)),
      recipient_id: n.recipient.slice(1),
      biz_opaque_callback_data: n.id,
      pricing: { billable: true, pricing_model: 'PMP', category: 'utility' },
      conversation: { id: `conv-${i}`, origin: { type: 'utility' } },
    };
    c.wamid.push(n.wamid);
    c.status.push('sent');
    c.tenantId.push(tenantId);
    c.callbackData.push(n.id);
    c.occurredAt.push(occurredAt.toISOString());
    c.payload.push(JSON.stringify(raw));
    c.notificationId.push(n.id);
    c.entryRef.push(i + 1);
    entries.push({
      tenantId,
      subjectPhone: n.recipient,
      type: 'message.status',
      occurredAt,
      body: { tenantId, notificationId: n.id, eventId: `seed`, wamid: n.wamid, status: 'sent', statusObject: raw },
    });
  });
  const e = LedgerAppender.columns(entries);
  c.entryType = e.entryTypes;
  c.entryOccurredAt = e.entryOccurredAt;
  c.entryBody = e.entryBodies;
  c.entrySalt = e.entrySalts;
  c.entryTenant = e.entryTenants;
  c.entrySubject = e.entrySubjects;
  return c;
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench:sql failed: ${(err as Error).stack ?? (err as Error).message}`);
    process.exit(1);
  },
);
