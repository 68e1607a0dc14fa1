import { Injectable } from '@nestjs/common';
import { LedgerAppender, type EntryColumns, type EntryRefs } from '#sigillo/ledger';
import { GroupCommit, PgPool } from '#sigillo/platform';
import { sql, statement } from '#sigillo/db';
import type { Decision, IntakeResult, NewIntake } from './notification-records.js';

// Many intakes in one statement (see GroupCommit): every input row is one event. Events are
// inserted in key order, so two batches that share ids take their row locks in the same order and
// cannot deadlock. A repeated id inserts nothing (ON CONFLICT), and the rows of the other tables
// follow only the events that were inserted, so a repeat writes nothing at all.
export const RECORD_INTAKES = statement<IntakeColumns, { notification_id: string }>(
  'sigillo-record-intakes',
  (p) => sql`
WITH input AS (
  SELECT * FROM unnest(${p.tenantId}::uuid[], ${p.eventId}::text[], ${p.eventType}::text[], ${p.requestHash}::text[], ${p.occurredAt}::timestamptz[],
                       ${p.payload}::jsonb[], ${p.notificationId}::uuid[], ${p.decision}::text[], ${p.reason}::text[], ${p.templateName}::text[],
                       ${p.language}::text[], ${p.category}::text[], ${p.recipient}::text[], ${p.parameters}::jsonb[], ${p.status}::text[],
                       ${p.owesSend}::boolean[], ${p.requestId}::text[])
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
  ${LedgerAppender.sql(p, { rows: 'created', key: 'ord' })}
), ob AS (
  INSERT INTO outbox (notification_id, tenant_id, request_id) SELECT notification_id, tenant_id, request_id FROM created WHERE owes_send
)
SELECT notification_id::text AS notification_id FROM ev`,
);

/**
 * RECORD_INTAKES's input: one element per intake, and (entry*) one per ledger entry, whose
 * entryRefs are the 1-based index of the intake it belongs to.
 */
export interface IntakeColumns extends EntryColumns, EntryRefs {
  tenantId: string[];
  eventId: string[];
  eventType: string[];
  requestHash: string[];
  occurredAt: string[];
  /** JSON text, parsed by PostgreSQL (as parameters and entryBodies). */
  payload: string[];
  notificationId: string[];
  decision: Decision[];
  reason: (string | null)[];
  templateName: (string | null)[];
  language: (string | null)[];
  category: (string | null)[];
  recipient: string[];
  parameters: (string | null)[];
  status: ('QUEUED' | 'SKIPPED')[];
  owesSend: boolean[];
  requestId: (string | null)[];
}

const INTAKES_FOUND = statement<
  { tenantIds: string[]; eventIds: string[] },
  { tenant_id: string; event_id: string; request_hash: string; notification_id: string; decision: Decision; reason: string | null }
>(
  'sigillo-intakes-found',
  (p) => sql`
SELECT e.tenant_id::text AS tenant_id, e.event_id, e.request_hash, e.notification_id::text AS notification_id, n.decision, n.reason
  FROM unnest(${p.tenantIds}::uuid[], ${p.eventIds}::text[]) AS k(tenant_id, event_id)
  JOIN events e ON e.tenant_id = k.tenant_id AND e.event_id = k.event_id
  JOIN notifications n ON n.id = e.notification_id`,
);

// Unnamed: with a tenant the events' primary key finds the row, without one (a deployment-wide
// key) only event_id does; one generic plan would serve both cases with the same plan.
const STORY_KEY_BY_WAMID = statement<{ wamid: string; tenantId: string | null }, { tenant_id: string; event_id: string; id: string }>(
  'sigillo-story-key-by-wamid',
  (p) => sql`SELECT tenant_id, event_id, id FROM notifications WHERE wamid = ${p.wamid} AND (${p.tenantId}::uuid IS NULL OR tenant_id = ${p.tenantId})`,
  { prepared: false },
);

const STORY_KEY_BY_EVENT = statement<{ eventId: string | undefined; tenantId: string | null }, { tenant_id: string; event_id: string; id: string }>(
  'sigillo-story-key-by-event',
  (p) =>
    sql`SELECT tenant_id, event_id, notification_id AS id FROM events WHERE event_id = ${p.eventId} AND (${p.tenantId}::uuid IS NULL OR tenant_id = ${p.tenantId})`,
  { prepared: false },
);

const CLAIM_OUTBOX = statement<{ staleAfterSeconds: number; limit: number }, { notification_id: string; tenant_id: string; request_id: string | null }>(
  'sigillo-claim-outbox',
  (p) => sql`
UPDATE outbox o SET dispatched_at = now()
  FROM (SELECT notification_id FROM outbox
         WHERE dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => ${p.staleAfterSeconds}::float8)
         ORDER BY created_at LIMIT ${p.limit}::int FOR UPDATE SKIP LOCKED) AS c
 WHERE o.notification_id = c.notification_id
RETURNING o.notification_id::text AS notification_id, o.tenant_id::text AS tenant_id, o.request_id`,
);

/**
 * Intakes that share one statement: enough to amortise it, few enough to keep each answer quick.
 * One statement at a time: while it runs the next batch fills, and PostgreSQL spends half the CPU
 * per event it spent with four smaller statements racing for the same commit (bench, 2 cores).
 */
const INTAKE_BATCH = { maxBatch: 64, maxInFlight: 1 };

@Injectable()
export class NotificationRepository {
  private readonly intakes = new GroupCommit<NewIntake, IntakeResult>((batch) => this.recordIntakes(batch), INTAKE_BATCH);

  constructor(private readonly pool: PgPool) {}

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
    const rows = await RECORD_INTAKES.rows(this.pool, intakeColumns(intakes));
    const created = new Set(rows.map((r) => r.notification_id));
    const repeats = intakes.filter((i) => !created.has(i.notification.id));
    const found = new Map<string, { request_hash: string; notification_id: string; decision: Decision; reason: string | null }>();
    if (repeats.length > 0) {
      const existing = await INTAKES_FOUND.rows(this.pool, { tenantIds: repeats.map((i) => i.tenantId), eventIds: repeats.map((i) => i.eventId) });
      for (const r of existing) found.set(`${r.tenant_id}/${r.event_id}`, r);
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
  async storyKey(by: {
    tenantId: string | null;
    eventId?: string;
    wamid?: string;
  }): Promise<{ tenantId: string; eventId: string; notificationId: string } | null> {
    // What PostgreSQL would refuse (a tenant id that is no UUID, a NUL byte) matches nothing.
    if (by.tenantId !== null && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(by.tenantId)) return null;
    if ((by.wamid ?? by.eventId ?? '').includes('\0')) return null;
    const rows = by.wamid
      ? await STORY_KEY_BY_WAMID.rows(this.pool, { wamid: by.wamid, tenantId: by.tenantId })
      : await STORY_KEY_BY_EVENT.rows(this.pool, { eventId: by.eventId, tenantId: by.tenantId });
    // A deployment-wide key asking for an event id two tenants share must say which tenant.
    if (rows.length !== 1) return null;
    return { tenantId: rows[0].tenant_id, eventId: rows[0].event_id, notificationId: rows[0].id };
  }

  /** Outbox rows never handed to the queue, or handed long enough ago that the job may be lost. */
  async claimOutbox(staleAfterMs: number, limit: number): Promise<{ notificationId: string; tenantId: string; requestId: string | null }[]> {
    const rows = await CLAIM_OUTBOX.rows(this.pool, { staleAfterSeconds: staleAfterMs / 1000, limit });
    return rows.map((r) => ({ notificationId: r.notification_id, tenantId: r.tenant_id, requestId: r.request_id }));
  }
}

/** The statement's parameters: one array element per intake, and per ledger entry. */
function intakeColumns(intakes: NewIntake[]): IntakeColumns {
  const col = <T>(f: (i: NewIntake) => T) => intakes.map(f);
  return {
    tenantId: col((i) => i.tenantId),
    eventId: col((i) => i.eventId),
    eventType: col((i) => i.eventType),
    requestHash: col((i) => i.requestHash),
    occurredAt: col((i) => i.occurredAt.toISOString()),
    payload: col((i) => JSON.stringify(i.payload)),
    notificationId: col((i) => i.notification.id),
    decision: col((i) => i.notification.decision),
    reason: col((i) => i.notification.reason),
    templateName: col((i) => i.notification.templateName),
    language: col((i) => i.notification.language),
    category: col((i) => i.notification.category),
    recipient: col((i) => i.notification.recipient),
    parameters: col((i) => (i.notification.parameters === null ? null : JSON.stringify(i.notification.parameters))),
    status: col((i) => (i.notification.decision === 'SEND' ? 'QUEUED' : 'SKIPPED')),
    owesSend: col((i) => i.notification.decision === 'SEND'),
    requestId: col((i) => i.requestId),
    ...LedgerAppender.columns(
      intakes.flatMap((i) => i.ledgerEntries),
      intakes.flatMap((i, index) => i.ledgerEntries.map(() => index + 1)),
    ),
  };
}
