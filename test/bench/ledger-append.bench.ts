// `npm run build && node dist/test/bench/ledger-append.bench.js`: the hot statements (event intake,
// delivery statuses) before and after their ledger insert moved to LedgerAppender (issue 14 §1: one
// append path). "before" is the positional text the repositories ran until then
// (sql-layer-statements.ts); "after" is the repositories' own statement today. Per statement: the
// client CPU of this process and the wall of one call, the two taking turns call by call; the median
// call of each run, then the median over the runs. A benchmark, not a test: it checks only that both
// wrote what they should.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { dropDatabase, ensureDatabase, migrateDatabase } from '#sigillo/dev-stack';
import { LedgerAppender, type NewLedgerEntry } from '#sigillo/ledger';
import { RECORD_INTAKES, RECORD_STATUSES, type IntakeColumns, type StatusColumns } from '#sigillo/notifications';
import {
  INTAKE_ORDER,
  RECORD_INTAKES_POSITIONAL,
  RECORD_STATUSES_POSITIONAL,
  STATUS_ORDER,
  type IntakeColumns as BeforeIntakeColumns,
  type StatusColumns as BeforeStatusColumns,
} from './sql-layer-statements.js';
import { formatNumber, median, percentile, printTable } from './stats.js';

const base = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/sigillo');
base.pathname = '/sigillo_bench_ledger_append';
const databaseUrl = base.toString();

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CALLS = Number(process.env.BENCH_CALLS ?? 300);
const WARMUP = 30;

type Side = 'before' | 'after';
const SIDES: Side[] = ['before', 'after'];

interface Case {
  label: string;
  /** One call's input for each side, built from the same rows. */
  make: () => Record<Side, () => Promise<number>>;
  expectRows: number;
}

async function main(): Promise<void> {
  console.log(`ledger-append bench on ${databaseUrl.replace(/\/\/[^@]*@/, '//')} (fresh database), ${RUNS} runs x ${CALLS} calls per side and case\n`);
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', () => undefined);
  try {
    const tenantId = randomUUID();
    await seedNotifications(pool, tenantId, (WARMUP + CALLS) * RUNS * 2 * 17);
    const intake = (size: number): Case => ({
      label: `intake, ${size} event${size === 1 ? '' : 's'}`,
      expectRows: size,
      make: () => {
        const before = intakeInput(tenantId, size);
        const after = intakeInput(tenantId, size);
        return {
          before: async () =>
            (await pool.query({ name: 'bench-before-record-intakes', text: RECORD_INTAKES_POSITIONAL, values: INTAKE_ORDER.map((k) => before.before[k]) })).rows
              .length,
          after: async () => (await RECORD_INTAKES.rows(pool, after.after)).length,
        };
      },
    });
    const statuses = (size: number): Case => ({
      label: `statuses, ${size} status${size === 1 ? '' : 'es'}`,
      expectRows: size,
      make: () => {
        const before = statusInput(tenantId, size);
        const after = statusInput(tenantId, size);
        return {
          before: async () =>
            (await pool.query({ name: 'bench-before-record-statuses', text: RECORD_STATUSES_POSITIONAL, values: STATUS_ORDER.map((k) => before.before[k]) }))
              .rows.length,
          after: async () => (await RECORD_STATUSES.rows(pool, after.after)).length,
        };
      },
    });

    const rows: (string | number)[][] = [];
    for (const c of [intake(1), intake(32), statuses(1), statuses(16)]) {
      const f = await measure(c);
      for (const side of SIDES) {
        rows.push([
          c.label,
          side,
          formatNumber(f[side].cpuUs),
          `${formatNumber((f[side].cpuUs / f.before.cpuUs) * 100)}%`,
          formatNumber(f[side].wallUs),
          formatNumber(f[side].wallP99Us),
          `${formatNumber((f[side].wallUs / f.before.wallUs) * 100)}%`,
        ]);
      }
      console.error(`done: ${c.label}`);
    }
    console.log('Per statement: the median call of each run, median over the runs (CPU: this process; wall: one call, calls in sequence):');
    printTable(['statement', 'ledger insert', 'client CPU µs', 'CPU vs before', 'wall p50 µs', 'wall p99 µs', 'wall vs before'], rows);
  } finally {
    await pool.end().catch(() => undefined);
    await dropDatabase(databaseUrl).catch(() => undefined);
  }
}

async function measure(c: Case): Promise<Record<Side, { cpuUs: number; wallUs: number; wallP99Us: number }>> {
  const perRun = {
    before: { cpu: [] as number[], wall: [] as number[], p99: [] as number[] },
    after: { cpu: [] as number[], wall: [] as number[], p99: [] as number[] },
  };
  for (let run = 0; run < RUNS; run++) {
    const calls = Array.from({ length: WARMUP + CALLS }, () => c.make());
    for (let i = 0; i < WARMUP; i++) for (const side of SIDES) await calls[i][side]();
    const cpu = { before: [] as number[], after: [] as number[] };
    const wall = { before: [] as number[], after: [] as number[] };
    for (let i = WARMUP; i < WARMUP + CALLS; i++) {
      // In turn, the first side alternating: whatever else loads the (shared) machine falls on both alike.
      for (let k = 0; k < SIDES.length; k++) {
        const side = SIDES[(i + k) % SIDES.length];
        const cpu0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        const got = await calls[i][side]();
        const t1 = process.hrtime.bigint();
        const used = process.cpuUsage(cpu0);
        if (got !== c.expectRows) throw new Error(`${side}: ${c.label} returned ${got} rows, expected ${c.expectRows}`);
        cpu[side].push(used.user + used.system);
        wall[side].push(Number(t1 - t0) / 1000);
      }
    }
    for (const side of SIDES) {
      perRun[side].cpu.push(median(cpu[side]));
      perRun[side].wall.push(median(wall[side]));
      perRun[side].p99.push(percentile(wall[side], 99));
    }
  }
  const summary = (side: Side) => ({ cpuUs: median(perRun[side].cpu), wallUs: median(perRun[side].wall), wallP99Us: median(perRun[side].p99) });
  return { before: summary('before'), after: summary('after') };
}

let eventCounter = 0;

/** A batch of new `message.sent` events as the api records them: two ledger entries each, all owing a send. */
function intakeInput(tenantId: string, size: number): { before: BeforeIntakeColumns; after: IntakeColumns } {
  const c = {
    tenantId: [] as string[],
    eventId: [] as string[],
    eventType: [] as string[],
    requestHash: [] as string[],
    occurredAt: [] as string[],
    payload: [] as string[],
    notificationId: [] as string[],
    decision: [] as 'SEND'[],
    reason: [] as null[],
    templateName: [] as string[],
    language: [] as string[],
    category: [] as string[],
    recipient: [] as string[],
    parameters: [] as string[],
    status: [] as 'QUEUED'[],
    owesSend: [] as boolean[],
    requestId: [] as string[],
  };
  const entries: NewLedgerEntry[] = [];
  const refs: number[] = [];
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
    refs.push(i + 1, i + 1);
  }
  const e = LedgerAppender.columns(entries, refs);
  return {
    before: {
      ...c,
      entryEvent: refs,
      entryType: e.entryTypes,
      entryOccurredAt: e.entryOccurredAt,
      entryBody: e.entryBodies,
      entrySalt: e.entrySalts,
      entrySubject: e.entrySubjects,
    },
    after: { ...c, ...e },
  };
}

const seeded: { id: string; wamid: string; recipient: string }[] = [];
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
  seeded.push(...rows);
}

/** A webhook's worth of `sent` statuses for known messages, each recorded with its ledger entry. */
function statusInput(tenantId: string, size: number): { before: BeforeStatusColumns; after: StatusColumns } {
  const c = {
    wamid: [] as string[],
    status: [] as string[],
    tenantId: [] as string[],
    callbackData: [] as string[],
    occurredAt: [] as string[],
    payload: [] as string[],
    notificationId: [] as string[],
  };
  const entries: NewLedgerEntry[] = [];
  const refs: number[] = [];
  const batch = Array.from({ length: size }, () => seeded[notificationCounter++]).sort((a, b) => (a.wamid < b.wamid ? -1 : 1));
  batch.forEach((n, i) => {
    if (!n) throw new Error('the bench seeded too few notifications');
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
    refs.push(i + 1);
    entries.push({
      tenantId,
      subjectPhone: n.recipient,
      type: 'message.status',
      occurredAt,
      body: { tenantId, notificationId: n.id, eventId: 'seed', wamid: n.wamid, status: 'sent', statusObject: raw },
    });
  });
  const e = LedgerAppender.columns(entries, refs);
  return {
    before: {
      ...c,
      entryType: e.entryTypes,
      entryOccurredAt: e.entryOccurredAt,
      entryBody: e.entryBodies,
      entrySalt: e.entrySalts,
      entryTenant: e.entryTenants,
      entrySubject: e.entrySubjects,
      entryRef: refs,
    },
    after: { ...c, ...e },
  };
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
