import { Injectable } from '@nestjs/common';
import type { JsonObject, NewLedgerEntry } from '#sigillo/ledger';
import { LedgerAppender, type EntryColumns, type EntryRefs } from '#sigillo/ledger';
import { GroupCommit, PgPool } from '#sigillo/platform';
import { sql, statement } from '#sigillo/db';
import { callbackDataFor } from './callback-data.js';
import type { NotificationStatus, PendingSend, SendAttemptRecord } from './notification-records.js';
import type { OpenAttemptEvidence } from './reconcile.js';

// Every statement here takes arrays: the send jobs running at once share one statement, round trip
// and commit (GroupCommit), and a batch of one is the same statement.

const LOAD_SENDS = statement<{ ids: string[] }, SendRow>(
  'sigillo-load-sends',
  (p) => sql`
SELECT n.id::text AS id, n.tenant_id::text AS tenant_id, n.event_id, n.status, n.template_name, n.language, n.category, n.recipient, n.parameters,
       n.attempts, a.attempt AS open_attempt, a.started_at AS open_started_at, w.open_until AS window_open_until,
       (SELECT COALESCE(array_agg(u.attempt ORDER BY u.attempt), '{}') FROM send_attempts u WHERE u.notification_id = n.id AND u.outcome = 'unknown') AS unresolved_attempts
  FROM unnest(${p.ids}::uuid[]) AS k(id)
  JOIN notifications n ON n.id = k.id AND n.decision = 'SEND'
  LEFT JOIN LATERAL (SELECT attempt, started_at FROM send_attempts
                      WHERE notification_id = n.id AND outcome IS NULL ORDER BY attempt DESC LIMIT 1) a ON true
  -- The window is the user's: a message from its BSUID or resolved wa_id opened it too (contact_identifiers).
  LEFT JOIN LATERAL (
    SELECT max(cw.open_until) AS open_until
      FROM (SELECT n.recipient AS identifier
            UNION
            SELECT o.identifier FROM contact_identifiers s JOIN contact_identifiers o ON o.tenant_id = s.tenant_id AND o.person_id = s.person_id
             WHERE s.tenant_id = n.tenant_id AND s.identifier = n.recipient) ids
      JOIN customer_windows cw ON cw.tenant_id = n.tenant_id AND cw.phone = ids.identifier
  ) w ON true`,
);

// The attempt number is unique per notification: two workers racing on one job cannot both start it.
const START_ATTEMPTS = statement<{ ids: string[]; attempts: number[] }, { id: string }>(
  'sigillo-start-attempts',
  (p) => sql`
WITH k AS (
  SELECT * FROM unnest(${p.ids}::uuid[], ${p.attempts}::int[]) AS k(id, attempt)
), n AS (
  UPDATE notifications n SET status = 'SENDING', attempts = k.attempt, updated_at = now()
    FROM k WHERE n.id = k.id AND n.status <> 'ERASED'
  RETURNING n.id, k.attempt
)
INSERT INTO send_attempts (notification_id, attempt) SELECT id, attempt FROM n RETURNING notification_id::text AS id`,
);

// A notification already final is left alone and gets no second entry: running a batch again item
// by item (GroupCommit) after a commit whose answer was lost then changes nothing.
const FINISH_SENDS = statement<FinishColumns>(
  'sigillo-finish-sends',
  (p) => sql`
WITH k AS (
  SELECT * FROM unnest(${p.ids}::uuid[], ${p.attempts}::int[], ${p.outcomes}::text[], ${p.wamids}::text[], ${p.errorCodes}::int[],
                       ${p.statuses}::text[], ${p.errors}::jsonb[])
         WITH ORDINALITY AS k(id, attempt, outcome, wamid, error_code, status, error, ord)
), a AS (
  UPDATE send_attempts s SET outcome = k.outcome, wamid = k.wamid, error_code = k.error_code, finished_at = now()
    FROM k WHERE s.notification_id = k.id AND s.attempt = k.attempt AND s.outcome IS NULL
), n AS (
  UPDATE notifications n SET status = k.status, wamid = COALESCE(k.wamid, n.wamid), last_error = COALESCE(k.error, n.last_error), updated_at = now()
    FROM k WHERE n.id = k.id AND n.status NOT IN ('SUBMITTED', 'FAILED')
  RETURNING k.ord
), l AS (
  ${LedgerAppender.sql(p, { rows: 'n', key: 'ord' })}
)
DELETE FROM outbox o USING k WHERE o.notification_id = k.id`,
);

/** FINISH_SENDS's input: one element per outcome, and its ledger entry at the same index (entryRefs). */
interface FinishColumns extends EntryColumns, EntryRefs {
  ids: string[];
  attempts: number[];
  outcomes: string[];
  wamids: (string | null)[];
  errorCodes: (number | null)[];
  statuses: NotificationStatus[];
  /** JSON text, parsed by PostgreSQL. */
  errors: (string | null)[];
}

// What an attempt left without outcome can be judged by (reconcile.ts): the statuses that echo it,
// and whether the tenant's sends made just before and after it (by attempt id, which follows the
// order they started in) got statuses of their own. Wamids already credited to another attempt of
// the same notification do not count.
const OPEN_ATTEMPT_EVIDENCE = statement<
  { id: string; attempt: number; callbackData: string[]; span: number },
  { age_ms: number; echoed: string[]; accepted: number; with_status: number; status_since: boolean }
>(
  'sigillo-open-attempt-evidence',
  (p) => sql`
WITH me AS (
  SELECT a.id, a.started_at, n.tenant_id, EXTRACT(EPOCH FROM (now() - a.started_at)) * 1000 AS age_ms
    FROM send_attempts a JOIN notifications n ON n.id = a.notification_id
   WHERE a.notification_id = ${p.id} AND a.attempt = ${p.attempt}
), nb AS (
  SELECT a.wamid FROM me, send_attempts a JOIN notifications n ON n.id = a.notification_id
   WHERE a.id BETWEEN me.id - ${p.span} AND me.id + ${p.span} AND a.notification_id <> ${p.id} AND a.wamid IS NOT NULL AND n.tenant_id = me.tenant_id
)
SELECT me.age_ms::float8 AS age_ms,
       (SELECT COALESCE(array_agg(s.wamid ORDER BY s.received_at, s.id), '{}') FROM message_statuses s
         WHERE s.callback_data = ANY(${p.callbackData}::text[]) AND (s.tenant_id IS NULL OR s.tenant_id = me.tenant_id)
           AND s.wamid NOT IN (SELECT x.wamid FROM send_attempts x WHERE x.notification_id = ${p.id} AND x.wamid IS NOT NULL)) AS echoed,
       (SELECT count(*) FROM nb)::int AS accepted,
       (SELECT count(*) FROM nb WHERE EXISTS (SELECT 1 FROM message_statuses s WHERE s.wamid = nb.wamid))::int AS with_status,
       EXISTS (SELECT 1 FROM (SELECT received_at, tenant_id FROM message_statuses ORDER BY id DESC LIMIT 1000) s
                WHERE s.tenant_id = me.tenant_id AND s.received_at > me.started_at) AS status_since
  FROM me`,
);

/** Attempts on either side of an open one whose statuses tell whether webhooks were arriving then. */
const NEIGHBOUR_SPAN = 100;

const RECORD_RETRY = statement<{ id: string; attempt: number; errorCode: number | null; error: string }>(
  'sigillo-record-retry',
  (p) => sql`
WITH a AS (
  UPDATE send_attempts SET outcome = 'retry', error_code = ${p.errorCode}, finished_at = now() WHERE notification_id = ${p.id} AND attempt = ${p.attempt}
)
UPDATE notifications SET status = 'QUEUED', last_error = ${p.error}::jsonb, updated_at = now() WHERE id = ${p.id}`,
);

const ABANDON_ATTEMPT = statement<{ id: string; attempt: number }>(
  'sigillo-abandon-attempt',
  (p) => sql`
UPDATE send_attempts SET outcome = 'unknown', finished_at = now() WHERE notification_id = ${p.id} AND attempt = ${p.attempt}`,
);

/**
 * Send jobs running at once in one worker: SEND_CONCURRENCY, at most 500. One statement of each
 * kind at a time: draining 5,000 sends ran at 707 messages/s so, 486/s with four (bench).
 */
const SEND_BATCH = { maxBatch: 64, maxInFlight: 1 };

interface Outcome {
  id: string;
  attempt: number;
  outcome: 'submitted' | 'failed';
  status: NotificationStatus;
  wamid: string | null;
  error: JsonObject | null;
  errorCode: number | null;
  entry: NewLedgerEntry;
}

interface SendRow {
  id: string;
  tenant_id: string;
  event_id: string;
  status: NotificationStatus;
  template_name: string;
  language: string;
  category: string;
  recipient: string;
  parameters: JsonObject;
  attempts: number;
  open_attempt: number | null;
  open_started_at: Date | null;
  window_open_until: Date | null;
  unresolved_attempts: number[];
}

export type LoadedSend = { send: PendingSend; openAttempt: SendAttemptRecord | null };

/** The send pipeline's bookkeeping: the attempt before the provider call, the outcome after it. */
@Injectable()
export class SendRepository {
  private readonly loads = new GroupCommit<string, LoadedSend | null>((ids) => this.loadMany(ids), SEND_BATCH);
  private readonly starts = new GroupCommit<{ id: string; attempt: number }, boolean>((items) => this.startMany(items), SEND_BATCH);
  private readonly outcomes = new GroupCommit<Outcome, void>((items) => this.finishMany(items), SEND_BATCH);

  constructor(private readonly pool: PgPool) {}

  /** The notification a send job works on, with its attempt left without outcome, if any. */
  loadSend(id: string): Promise<LoadedSend | null> {
    return this.loads.submit(id);
  }

  /**
   * Recorded before calling the provider, so a crash right after the call is noticed. False when
   * the send was cancelled meanwhile (its recipient erased): nothing may be sent then.
   */
  startAttempt(id: string, attempt: number): Promise<boolean> {
    return this.starts.submit({ id, attempt });
  }

  /** What the statuses say about an attempt left without outcome; null when it is not open. */
  async openAttemptEvidence(id: string, attempt: number): Promise<OpenAttemptEvidence | null> {
    const [r] = await OPEN_ATTEMPT_EVIDENCE.rows(this.pool, { id, attempt, callbackData: [id, callbackDataFor(id, attempt)], span: NEIGHBOUR_SPAN });
    if (!r) return null;
    return {
      ageMs: Number(r.age_ms),
      echoedWamids: [...new Set(r.echoed)],
      neighboursAccepted: r.accepted,
      neighboursWithStatus: r.with_status,
      statusSinceStart: r.status_since,
    };
  }

  /** An attempt whose outcome could not be learnt: closed so the next one may start. */
  async abandonAttempt(id: string, attempt: number): Promise<void> {
    await ABANDON_ATTEMPT.run(this.pool, { id, attempt });
  }

  /** The provider accepted the message: final, with its ledger entry, outbox row gone. */
  recordSubmitted(id: string, attempt: number, wamid: string, entry: NewLedgerEntry): Promise<void> {
    return this.outcomes.submit({ id, attempt, outcome: 'submitted', status: 'SUBMITTED', wamid, error: null, errorCode: null, entry });
  }

  /** A permanent failure (or retries exhausted): final, with Meta's error kept in the ledger. */
  recordFailed(id: string, attempt: number, error: JsonObject, errorCode: number | null, entry: NewLedgerEntry): Promise<void> {
    return this.outcomes.submit({ id, attempt, outcome: 'failed', status: 'FAILED', wamid: null, error, errorCode, entry });
  }

  /** A transient failure: the attempt is closed, the notification waits for the next try. */
  async recordRetry(id: string, attempt: number, error: JsonObject, errorCode: number | null): Promise<void> {
    await RECORD_RETRY.run(this.pool, { id, attempt, errorCode, error: JSON.stringify(error) });
  }

  private async loadMany(ids: string[]): Promise<(LoadedSend | null)[]> {
    const rows = await LOAD_SENDS.rows(this.pool, { ids });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => {
      const r = byId.get(id);
      return r ? toLoadedSend(r) : null;
    });
  }

  private async startMany(items: { id: string; attempt: number }[]): Promise<boolean[]> {
    const rows = await START_ATTEMPTS.rows(this.pool, { ids: items.map((i) => i.id), attempts: items.map((i) => i.attempt) });
    const started = new Set(rows.map((r) => r.id));
    return items.map((i) => started.has(i.id));
  }

  private async finishMany(items: Outcome[]): Promise<void[]> {
    await FINISH_SENDS.run(this.pool, {
      ids: items.map((i) => i.id),
      attempts: items.map((i) => i.attempt),
      outcomes: items.map((i) => i.outcome),
      wamids: items.map((i) => i.wamid),
      errorCodes: items.map((i) => i.errorCode),
      statuses: items.map((i) => i.status),
      errors: items.map((i) => (i.error === null ? null : JSON.stringify(i.error))),
      ...LedgerAppender.columns(
        items.map((i) => i.entry),
        items.map((_, i) => i + 1),
      ),
    });
    return items.map(() => undefined);
  }
}

function toLoadedSend(r: SendRow): LoadedSend {
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
      unresolvedAttempts: r.unresolved_attempts ?? [],
    },
    openAttempt: r.open_attempt === null ? null : { attempt: r.open_attempt, startedAt: r.open_started_at!, outcome: null },
  };
}
