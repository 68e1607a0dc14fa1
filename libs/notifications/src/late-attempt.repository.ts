import { Injectable } from '@nestjs/common';
import type { JsonObject } from '../../ledger/src/entry.js';
import { pendingEntryColumns } from '../../ledger/src/ledger.repository.js';
import type { NewLedgerEntry } from '../../ledger/src/ledger-records.js';
import { withTransaction } from '../../db/src/index.js';
import { PgPool } from '../../platform/src/pg-pool.service.js';
import { parseCallbackData } from './callback-data.js';
import { ACCEPTED_LATE, attributeLateStatuses, type NotificationAttempts } from './late-attempts.js';
import { submittedEntry, type SendSubject } from './send-entries.js';
import { statusEntry } from './status.repository.js';

/** Unrecorded statuses that echo one of our sends, oldest first; older than a moment, so the ordinary path had its turn. */
const CLAIM = `
SELECT id::text AS id, wamid, status, tenant_id::text AS tenant_id, callback_data, occurred_at, payload
  FROM message_statuses
 WHERE recorded_at IS NULL AND callback_data IS NOT NULL AND received_at < now() - interval '2 seconds'
 ORDER BY id LIMIT $1
 FOR UPDATE SKIP LOCKED`;

// An erased subject's notifications are left alone: nothing new is written about them.
// An erased notification (its number gone) is never credited: its late statuses would put the
// erased person's message ids back in the ledger, in entries erasure could no longer find.
const LOAD = `
SELECT n.id::text AS id, n.tenant_id::text AS tenant_id, n.event_id, n.wamid, n.recipient, n.template_name, n.language, n.category,
       a.attempt, a.outcome, a.wamid AS attempt_wamid
  FROM notifications n JOIN send_attempts a ON a.notification_id = n.id
 WHERE n.id = ANY($1::uuid[]) AND n.recipient IS NOT NULL AND n.status <> 'ERASED' AND n.recipient IS NOT NULL
 ORDER BY n.id, a.attempt`;

const RECORD = `
WITH c AS (
  UPDATE send_attempts a SET outcome = '${ACCEPTED_LATE}', wamid = x.wamid, finished_at = COALESCE(a.finished_at, now())
    FROM unnest($1::uuid[], $2::int[], $3::text[]) AS x(id, attempt, wamid)
   WHERE a.notification_id = x.id AND a.attempt = x.attempt AND a.wamid IS NULL
), l AS (
  INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex')
    FROM unnest($4::text[], $5::timestamptz[], $6::jsonb[], $7::text[], $8::uuid[], $9::text[]) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ord)
   ORDER BY u.ord
)
UPDATE message_statuses m SET recorded_at = now(), notification_id = x.notification_id
  FROM unnest($10::bigint[], $11::uuid[]) AS x(id, notification_id) WHERE m.id = x.id`;

interface StatusRow { id: string; wamid: string; status: string; tenant_id: string | null; callback_data: string; occurred_at: Date; payload: JsonObject }
interface AttemptRow {
  id: string; tenant_id: string; event_id: string; wamid: string | null; recipient: string | null; template_name: string | null; language: string | null; category: string | null;
  attempt: number; outcome: string | null; attempt_wamid: string | null;
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
      const { rows: statuses } = await tx.query<StatusRow>(CLAIM, [limit]);
      const ids = [...new Set(statuses.map((s) => parseCallbackData(s.callback_data)?.notificationId).filter((id): id is string => id !== undefined))];
      if (ids.length === 0) return 0;
      const { rows } = await tx.query<AttemptRow>(LOAD, [ids]);
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
        entries.push(statusEntry({ id: n.id, tenantId: n.tenantId, eventId: n.eventId, recipient: n.recipient }, row.wamid, row.status, row.occurred_at, row.payload));
      }
      const e = pendingEntryColumns(entries);
      await tx.query(RECORD, [
        found.acceptances.map((a) => a.notificationId),
        found.acceptances.map((a) => a.attempt),
        found.acceptances.map((a) => a.wamid),
        e.types,
        e.occurredAt,
        e.bodies,
        e.salts,
        e.tenants,
        e.subjects,
        found.statuses.map((s) => s.statusId),
        found.statuses.map((s) => s.notificationId),
      ]);
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
        subject: { id: r.id, tenantId: r.tenant_id, eventId: r.event_id, recipient: r.recipient, templateName: r.template_name, language: r.language, category: r.category },
      };
      out.set(r.id, n);
    }
    n.attempts.attempts.push({ attempt: r.attempt, outcome: r.outcome, wamid: r.attempt_wamid });
  }
  return out;
}
