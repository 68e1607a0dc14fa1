import { Injectable } from '@nestjs/common';
import type { JsonObject } from '../../ledger/src/entry.js';
import { pendingEntryColumns } from '../../ledger/src/ledger.repository.js';
import type { NewLedgerEntry } from '../../ledger/src/ledger-records.js';
import { PgPool } from '../../platform/src/pg-pool.service.js';
import { PrismaService } from '../../platform/src/prisma.service.js';
import type { Decision, IntakeResult, NewIntake, NotificationStatus, PendingSend, SendAttemptRecord } from './notification-records.js';

const RECORD_INTAKE = `
WITH ev AS (
  INSERT INTO events (tenant_id, event_id, type, request_hash, occurred_at, payload, notification_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (tenant_id, event_id) DO NOTHING
  RETURNING notification_id
), nt AS (
  INSERT INTO notifications (id, tenant_id, event_id, decision, reason, template_name, language, category, recipient, parameters, status, updated_at)
  SELECT $7, $1, $2, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, now() FROM ev
  RETURNING id
), le AS (
  INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT u.t, u.o, u.b, decode(u.s, 'hex'), $1, decode(u.sr, 'hex')
    FROM unnest($16::text[], $17::timestamptz[], $18::jsonb[], $19::text[], $21::text[]) WITH ORDINALITY AS u(t, o, b, s, sr, ord)
   WHERE EXISTS (SELECT 1 FROM ev)
   ORDER BY u.ord
  RETURNING id
), ob AS (
  INSERT INTO outbox (notification_id, tenant_id, request_id) SELECT $7, $1, $22 FROM ev WHERE $20::boolean
  RETURNING notification_id
)
SELECT (SELECT count(*) FROM ev)::int AS created`;

@Injectable()
export class NotificationRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pool: PgPool,
  ) {}

  /**
   * The event row, its notification, its ledger entries and (for a send) the outbox row: one
   * statement, so one round trip and atomic. A repeated event id inserts nothing (the event's
   * ON CONFLICT empties every CTE after it) and gets what was recorded the first time; concurrent
   * repeats wait on the primary key and then see the first one's rows.
   */
  async recordIntake(intake: NewIntake): Promise<IntakeResult> {
    const n = intake.notification;
    const e = pendingEntryColumns(intake.ledgerEntries);
    const { rows } = await this.pool.query<{ created: number }>({
      name: 'sigillo-record-intake',
      text: RECORD_INTAKE,
      values: [
        intake.tenantId,
        intake.eventId,
        intake.eventType,
        intake.requestHash,
        intake.occurredAt,
        JSON.stringify(intake.payload),
        n.id,
        n.decision,
        n.reason,
        n.templateName,
        n.language,
        n.category,
        n.recipient,
        n.parameters === null ? null : JSON.stringify(n.parameters),
        n.decision === 'SEND' ? 'QUEUED' : 'SKIPPED',
        e.types,
        e.occurredAt,
        e.bodies,
        e.salts,
        n.decision === 'SEND',
        e.subjects,
        intake.requestId,
      ],
    });
    if (rows[0].created === 1) return { created: true };
    const existing = await this.pool.query<{ request_hash: string; notification_id: string; decision: Decision; reason: string | null }>({
      name: 'sigillo-intake-existing',
      text: `SELECT e.request_hash, e.notification_id::text AS notification_id, n.decision, n.reason
               FROM events e JOIN notifications n ON n.id = e.notification_id
              WHERE e.tenant_id = $1 AND e.event_id = $2`,
      values: [intake.tenantId, intake.eventId],
    });
    const first = existing.rows[0];
    return {
      created: false,
      requestHash: first.request_hash,
      answer: { eventId: intake.eventId, notificationId: first.notification_id, decision: first.decision, ...(first.reason ? { reason: first.reason } : {}) },
    };
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
