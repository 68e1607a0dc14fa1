import { Injectable } from '@nestjs/common';
import type { JsonObject, NewLedgerEntry } from '#sigillo/ledger';
import { LedgerAppender, type EntryColumns } from '#sigillo/ledger';
import { sql, statement, verbatim, withTransaction } from '#sigillo/db';
import { PgPool } from '#sigillo/platform';
import { parseCallbackData } from './callback-data.js';
import { ACCEPTED_LATE, attributeLateStatuses, type NotificationAttempts } from './late-attempts.js';
import { submittedEntry, type SendSubject } from './send-entries.js';
import { statusEntry } from './status.repository.js';

/** Unrecorded statuses that echo one of our sends, oldest first; older than a moment, so the ordinary path had its turn. */
const CLAIM = statement<{ limit: number }, StatusRow>(
  'sigillo-late-claim',
  (p) => sql`
SELECT id::text AS id, wamid, status, tenant_id::text AS tenant_id, callback_data, occurred_at, payload
  FROM message_statuses
 WHERE recorded_at IS NULL AND callback_data IS NOT NULL AND received_at < now() - interval '2 seconds'
 ORDER BY id LIMIT ${p.limit}::int
 FOR UPDATE SKIP LOCKED`,
);

// An erased subject's notifications are left alone: nothing new is written about them.
// An erased notification (its number gone) is never credited: its late statuses would put the
// erased person's message ids back in the ledger, in entries erasure could no longer find.
const LOAD = statement<{ ids: string[] }, AttemptRow>(
  'sigillo-late-load',
  (p) => sql`
SELECT n.id::text AS id, n.tenant_id::text AS tenant_id, n.event_id, n.wamid, n.recipient, n.template_name, n.language, n.category,
       a.attempt, a.outcome, a.wamid AS attempt_wamid
  FROM notifications n JOIN send_attempts a ON a.notification_id = n.id
 WHERE n.id = ANY(${p.ids}::uuid[]) AND n.recipient IS NOT NULL AND n.status <> 'ERASED'
 ORDER BY n.id, a.attempt`,
);

// The attempts credited, the entries (their submissions, then their statuses), the statuses marked recorded.
const RECORD = statement<
  EntryColumns & { attemptIds: string[]; attempts: number[]; attemptWamids: string[]; statusIds: string[]; statusNotificationIds: string[] }
>(
  'sigillo-late-record',
  (p) => sql`
WITH c AS (
  UPDATE send_attempts a SET outcome = '${verbatim(ACCEPTED_LATE)}', wamid = x.wamid, finished_at = COALESCE(a.finished_at, now())
    FROM unnest(${p.attemptIds}::uuid[], ${p.attempts}::int[], ${p.attemptWamids}::text[]) AS x(id, attempt, wamid)
   WHERE a.notification_id = x.id AND a.attempt = x.attempt AND a.wamid IS NULL
), l AS (
  ${LedgerAppender.sql(p)}
)
UPDATE message_statuses m SET recorded_at = now(), notification_id = x.notification_id
  FROM unnest(${p.statusIds}::bigint[], ${p.statusNotificationIds}::uuid[]) AS x(id, notification_id) WHERE m.id = x.id`,
);

interface StatusRow {
  id: string;
  wamid: string;
  status: string;
  tenant_id: string | null;
  callback_data: string;
  occurred_at: Date;
  payload: JsonObject;
}
interface AttemptRow {
  id: string;
  tenant_id: string;
  event_id: string;
  wamid: string | null;
  recipient: string | null;
  template_name: string | null;
  language: string | null;
  category: string | null;
  attempt: number;
  outcome: string | null;
  attempt_wamid: string | null;
}

/**
 * The message of an attempt given up on that Meta had accepted after all: found through the late
 * statuses echoing it, credited to its attempt and put in the notification's story (a
 * `message.submitted` entry marked `late`, then its `message.status` entries), never orphaned.
 */
@Injectable()
export class LateAttemptRepository {
  constructor(private readonly pool: PgPool) {}

  /** One pass over up to `limit` waiting statuses; returns how many late messages it credited. */
  async resolve(limit = 500): Promise<number> {
    return withTransaction(this.pool, async (tx) => {
      const statuses = await CLAIM.rows(tx, { limit });
      const ids = [...new Set(statuses.map((s) => parseCallbackData(s.callback_data)?.notificationId).filter((id): id is string => id !== undefined))];
      if (ids.length === 0) return 0;
      const rows = await LOAD.rows(tx, { ids });
      const notifications = toNotifications(rows);
      const found = attributeLateStatuses(
        statuses.map((s) => ({ id: s.id, wamid: s.wamid, tenantId: s.tenant_id, callbackData: s.callback_data })),
        new Map([...notifications].map(([id, n]) => [id, n.attempts])),
      );
      if (found.statuses.length === 0) return 0;
      const byStatusId = new Map(statuses.map((s) => [s.id, s]));
      const entries: NewLedgerEntry[] = [];
      for (const a of found.acceptances) {
        const n = notifications.get(a.notificationId)!.subject;
        const first = statuses.find((s) => s.wamid === a.wamid)!;
        entries.push(submittedEntry(n, { wamid: a.wamid, attempt: a.attempt, reconciled: true, late: true }, first.occurred_at));
      }
      for (const s of found.statuses) {
        const row = byStatusId.get(s.statusId)!;
        const n = notifications.get(s.notificationId)!.subject;
        entries.push(
          statusEntry({ id: n.id, tenantId: n.tenantId, eventId: n.eventId, recipient: n.recipient }, row.wamid, row.status, row.occurred_at, row.payload),
        );
      }
      await RECORD.run(tx, {
        attemptIds: found.acceptances.map((a) => a.notificationId),
        attempts: found.acceptances.map((a) => a.attempt),
        attemptWamids: found.acceptances.map((a) => a.wamid),
        ...LedgerAppender.columns(entries),
        statusIds: found.statuses.map((s) => s.statusId),
        statusNotificationIds: found.statuses.map((s) => s.notificationId),
      });
      return found.acceptances.length;
    });
  }
}

function toNotifications(rows: AttemptRow[]): Map<string, { attempts: NotificationAttempts; subject: SendSubject }> {
  const out = new Map<string, { attempts: NotificationAttempts; subject: SendSubject }>();
  for (const r of rows) {
    let n = out.get(r.id);
    if (!n) {
      n = {
        attempts: { id: r.id, tenantId: r.tenant_id, wamid: r.wamid, attempts: [] },
        subject: {
          id: r.id,
          tenantId: r.tenant_id,
          eventId: r.event_id,
          recipient: r.recipient,
          templateName: r.template_name,
          language: r.language,
          category: r.category,
        },
      };
      out.set(r.id, n);
    }
    n.attempts.attempts.push({ attempt: r.attempt, outcome: r.outcome, wamid: r.attempt_wamid });
  }
  return out;
}
