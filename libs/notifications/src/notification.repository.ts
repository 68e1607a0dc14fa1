import { Injectable } from '@nestjs/common';
import type { JsonObject } from '../../ledger/src/entry.js';
import { pendingEntryColumns } from '../../ledger/src/ledger.repository.js';
import type { NewLedgerEntry } from '../../ledger/src/ledger-records.js';
import { GroupCommit } from '../../platform/src/group-commit.js';
import { PgPool } from '../../platform/src/pg-pool.service.js';
import { PrismaService } from '../../platform/src/prisma.service.js';
import type { Decision, IntakeResult, NewIntake, NotificationStatus, PendingSend, SendAttemptRecord } from './notification-records.js';

// Many intakes in one statement (see GroupCommit): every input row is one event. Events are
// inserted in key order, so two batches that share ids take their row locks in the same order and
// cannot deadlock. A repeated id inserts nothing (ON CONFLICT), and the rows of the other tables
// follow only the events that were inserted, so a repeat writes nothing at all.
const RECORD_INTAKES = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[], $7::uuid[], $8::text[], $9::text[],
                       $10::text[], $11::text[], $12::text[], $13::text[], $14::jsonb[], $15::text[], $16::boolean[], $17::text[])
         WITH ORDINALITY AS i(tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id, decision, reason,
                              template_name, language, category, recipient, parameters, status, owes_send, request_id, ord)
), ev AS (
  INSERT INTO events (tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id)
  SELECT tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id FROM input ORDER BY tenant_id, event_id
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING notification_id
), created AS (
  SELECT i.* FROM input i JOIN ev ON ev.notification_id = i.notification_id
), nt AS (
  INSERT INTO notifications (id, tenant_id, event_id, decision, reason, template_name, language, category, recipient, parameters, status, updated_at)
  SELECT notification_id, tenant_id, event_id, decision, reason, template_name, language, category, recipient, parameters, status, now() FROM created
), le AS (
  INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT u.t, u.o, u.b, decode(u.s, 'hex'), c.tenant_id, decode(u.sr, 'hex')
    FROM unnest($18::int[], $19::text[], $20::timestamptz[], $21::jsonb[], $22::text[], $23::text[]) WITH ORDINALITY AS u(event_ord, t, o, b, s, sr, ord)
    JOIN created c ON c.ord = u.event_ord
   ORDER BY u.ord
), ob AS (
  INSERT INTO outbox (notification_id, tenant_id, request_id) SELECT notification_id, tenant_id, request_id FROM created WHERE owes_send
)
SELECT notification_id::text AS notification_id FROM ev`;

const INTAKES_FOUND = `
SELECT e.tenant_id::text AS tenant_id, e.event_id, e.request_hash, e.notification_id::text AS notification_id, n.decision, n.reason
  FROM unnest($1::uuid[], $2::text[]) AS k(tenant_id, event_id)
  JOIN events e ON e.tenant_id = k.tenant_id AND e.event_id = k.event_id
  JOIN notifications n ON n.id = e.notification_id`;

/** Intakes that share one statement: enough to amortise it, few enough to keep each answer quick. */
const INTAKE_BATCH = { maxBatch: 64, maxInFlight: 4 };

@Injectable()
export class NotificationRepository {
  private readonly intakes = new GroupCommit<NewIntake, IntakeResult>((batch) => this.recordIntakes(batch), INTAKE_BATCH);

  constructor(
    private readonly prisma: PrismaService,
    private readonly pool: PgPool,
  ) {}

  /**
   * The event row, its notification, its ledger entries and (for a send) the outbox row: one
   * statement, so atomic, shared with the intakes arriving meanwhile (group commit). A repeated
   * event id inserts nothing and gets what was recorded the first time; concurrent repeats wait on
   * the primary key and then see the first one's rows.
   */
  recordIntake(intake: NewIntake): Promise<IntakeResult> {
    return this.intakes.submit(intake);
  }

  private async recordIntakes(intakes: NewIntake[]): Promise<IntakeResult[]> {
    const columns = intakeColumns(intakes);
    const { rows } = await this.pool.query<{ notification_id: string }>({ name: 'sigillo-record-intakes', text: RECORD_INTAKES, values: columns });
    const created = new Set(rows.map((r) => r.notification_id));
    const repeats = intakes.filter((i) => !created.has(i.notification.id));
    const found = new Map<string, { request_hash: string; notification_id: string; decision: Decision; reason: string | null }>();
    if (repeats.length > 0) {
      const existing = await this.pool.query<{ tenant_id: string; event_id: string; request_hash: string; notification_id: string; decision: Decision; reason: string | null }>({
        name: 'sigillo-intakes-found',
        text: INTAKES_FOUND,
        values: [repeats.map((i) => i.tenantId), repeats.map((i) => i.eventId)],
      });
      for (const r of existing.rows) found.set(`${r.tenant_id}/${r.event_id}`, r);
    }
    return intakes.map((intake): IntakeResult => {
      if (created.has(intake.notification.id)) return { created: true };
      const first = found.get(`${intake.tenantId}/${intake.eventId}`);
      // Not inserted and not found: erased between the two statements, or a bug; never a silent answer.
      if (!first) throw new Error(`event ${intake.eventId} was neither recorded nor found`);
      return {
        created: false,
        requestHash: first.request_hash,
        answer: { eventId: intake.eventId, notificationId: first.notification_id, decision: first.decision, ...(first.reason ? { reason: first.reason } : {}) },
      };
    });
  }

  /** The ids a story proof collects entries by, from Passweb's event id or Meta's message id. */
  async storyKey(by: { tenantId: string | null; eventId?: string; wamid?: string }): Promise<{ tenantId: string; eventId: string; notificationId: string } | null> {
    // What PostgreSQL would refuse (a tenant id that is no UUID, a NUL byte) matches nothing.
    if (by.tenantId !== null && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(by.tenantId)) return null;
    if ((by.wamid ?? by.eventId ?? '').includes('\0')) return null;
    const { rows } = by.wamid
      ? await this.pool.query<{ tenant_id: string; event_id: string; id: string }>(
          'SELECT tenant_id, event_id, id FROM notifications WHERE wamid = $1 AND ($2::uuid IS NULL OR tenant_id = $2)',
          [by.wamid, by.tenantId],
        )
      : await this.pool.query<{ tenant_id: string; event_id: string; id: string }>(
          'SELECT tenant_id, event_id, notification_id AS id FROM events WHERE event_id = $1 AND ($2::uuid IS NULL OR tenant_id = $2)',
          [by.eventId, by.tenantId],
        );
    // A deployment-wide key asking for an event id two tenants share must say which tenant.
    if (rows.length !== 1) return null;
    return { tenantId: rows[0].tenant_id, eventId: rows[0].event_id, notificationId: rows[0].id };
  }

  /** The notification a send job works on, with its attempt left without outcome, if any. */
  async loadSend(id: string): Promise<{ send: PendingSend; openAttempt: SendAttemptRecord | null } | null> {
    const { rows } = await this.pool.query<{
      id: string; tenant_id: string; event_id: string; status: NotificationStatus; template_name: string; language: string; category: string;
      recipient: string; parameters: JsonObject; attempts: number; open_attempt: number | null; open_started_at: Date | null; window_open_until: Date | null;
    }>({
      name: 'sigillo-load-send',
      text: `SELECT n.id, n.tenant_id, n.event_id, n.status, n.template_name, n.language, n.category, n.recipient, n.parameters,
                    n.attempts, a.attempt AS open_attempt, a.started_at AS open_started_at, w.open_until AS window_open_until
               FROM notifications n
               LEFT JOIN LATERAL (SELECT attempt, started_at FROM send_attempts
                                   WHERE notification_id = n.id AND outcome IS NULL ORDER BY attempt DESC LIMIT 1) a ON true
               LEFT JOIN customer_windows w ON w.tenant_id = n.tenant_id AND w.phone = n.recipient
              WHERE n.id = $1 AND n.decision = 'SEND'`,
      values: [id],
    });
    const r = rows[0];
    if (!r) return null;
    return {
      send: {
        id: r.id,
        tenantId: r.tenant_id,
        eventId: r.event_id,
        status: r.status,
        templateName: r.template_name,
        language: r.language,
        category: r.category,
        recipient: r.recipient,
        parameters: r.parameters ?? {},
        attempts: r.attempts,
        windowOpenUntil: r.window_open_until,
      },
      openAttempt: r.open_attempt === null ? null : { attempt: r.open_attempt, startedAt: r.open_started_at!, outcome: null },
    };
  }

  /**
   * Recorded before calling the provider, so a crash right after the call is noticed. The attempt
   * number is unique per notification: two workers racing on one job cannot both send. False when
   * the send was cancelled meanwhile (its recipient erased): nothing may be sent then.
   */
  async startAttempt(id: string, attempt: number): Promise<boolean> {
    const { rowCount } = await this.pool.query({
      name: 'sigillo-start-attempt',
      text: `WITH n AS (
               UPDATE notifications SET status = 'SENDING', attempts = $2, updated_at = now() WHERE id = $1 AND status <> 'ERASED' RETURNING id
             )
             INSERT INTO send_attempts (notification_id, attempt) SELECT id, $2 FROM n`,
      values: [id, attempt],
    });
    return rowCount === 1;
  }

  /** An attempt whose outcome could not be learnt: closed so the next one may start. */
  async abandonAttempt(id: string, attempt: number): Promise<void> {
    await this.prisma.sendAttempt.update({
      where: { notificationId_attempt: { notificationId: id, attempt } },
      data: { outcome: 'unknown', finishedAt: new Date() },
    });
  }

  /** The provider accepted the message: final, with its ledger entry, outbox row gone. */
  async recordSubmitted(id: string, attempt: number, wamid: string, entry: NewLedgerEntry): Promise<void> {
    await this.finish(id, attempt, { outcome: 'submitted', status: 'SUBMITTED', wamid, error: null, errorCode: null }, entry);
  }

  /** A permanent failure (or retries exhausted): final, with Meta's error kept in the ledger. */
  async recordFailed(id: string, attempt: number, error: JsonObject, errorCode: number | null, entry: NewLedgerEntry): Promise<void> {
    await this.finish(id, attempt, { outcome: 'failed', status: 'FAILED', wamid: null, error, errorCode }, entry);
  }

  /** The final outcome: attempt closed, notification updated, ledger entry pending, outbox row gone; one statement. */
  private async finish(
    id: string,
    attempt: number,
    o: { outcome: string; status: NotificationStatus; wamid: string | null; error: JsonObject | null; errorCode: number | null },
    entry: NewLedgerEntry,
  ): Promise<void> {
    const e = pendingEntryColumns([entry]);
    await this.pool.query({
      name: 'sigillo-finish-send',
      text: `WITH a AS (
               UPDATE send_attempts SET outcome = $3, wamid = $4, error_code = $5, finished_at = now()
                WHERE notification_id = $1 AND attempt = $2 AND outcome IS NULL
             ), n AS (
               UPDATE notifications SET status = $6, wamid = COALESCE($4, wamid), last_error = COALESCE($7::jsonb, last_error), updated_at = now()
                WHERE id = $1
             ), l AS (
               INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
               VALUES ($8, $9, $10::jsonb, decode($11, 'hex'), $12, decode($13, 'hex'))
             )
             DELETE FROM outbox WHERE notification_id = $1`,
      values: [id, attempt, o.outcome, o.wamid, o.errorCode, o.status, o.error === null ? null : JSON.stringify(o.error), e.types[0], e.occurredAt[0], e.bodies[0], e.salts[0], e.tenants[0], e.subjects[0]],
    });
  }

  /** A transient failure: the attempt is closed, the notification waits for the next try. */
  async recordRetry(id: string, attempt: number, error: JsonObject, errorCode: number | null): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.sendAttempt.update({
        where: { notificationId_attempt: { notificationId: id, attempt } },
        data: { outcome: 'retry', errorCode, finishedAt: new Date() },
      }),
      this.prisma.notification.update({ where: { id }, data: { status: 'QUEUED', lastError: error } }),
    ]);
  }

  /** Outbox rows never handed to the queue, or handed long enough ago that the job may be lost. */
  async claimOutbox(staleAfterMs: number, limit: number): Promise<{ notificationId: string; tenantId: string; requestId: string | null }[]> {
    return this.prisma.$queryRaw<{ notificationId: string; tenantId: string; requestId: string | null }[]>`
      UPDATE outbox o SET dispatched_at = now()
        FROM (SELECT notification_id FROM outbox
               WHERE dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => ${staleAfterMs / 1000})
               ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED) AS c
       WHERE o.notification_id = c.notification_id
      RETURNING o.notification_id::text AS "notificationId", o.tenant_id::text AS "tenantId", o.request_id AS "requestId"`;
  }
}

/** The statement's parameters: one array element per intake, and per ledger entry. */
function intakeColumns(intakes: NewIntake[]): unknown[] {
  const col = <T>(f: (i: NewIntake) => T) => intakes.map(f);
  const entryEvent = intakes.flatMap((i, index) => i.ledgerEntries.map(() => index + 1));
  const e = pendingEntryColumns(intakes.flatMap((i) => i.ledgerEntries));
  return [
    col((i) => i.tenantId),
    col((i) => i.eventId),
    col((i) => i.eventType),
    col((i) => i.requestHash),
    col((i) => i.occurredAt.toISOString()),
    col((i) => JSON.stringify(i.payload)),
    col((i) => i.notification.id),
    col((i) => i.notification.decision),
    col((i) => i.notification.reason),
    col((i) => i.notification.templateName),
    col((i) => i.notification.language),
    col((i) => i.notification.category),
    col((i) => i.notification.recipient),
    col((i) => (i.notification.parameters === null ? null : JSON.stringify(i.notification.parameters))),
    col((i) => (i.notification.decision === 'SEND' ? 'QUEUED' : 'SKIPPED')),
    col((i) => i.notification.decision === 'SEND'),
    col((i) => i.requestId),
    entryEvent,
    e.types,
    e.occurredAt,
    e.bodies,
    e.salts,
    e.subjects,
  ];
}
