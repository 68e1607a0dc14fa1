import type pg from 'pg';
import { parseCallbackData } from '#sigillo/notifications';
import type { LoadResult } from './passweb-load.js';

/** One message as the simulator's /_sim/messages lists it (the fields the checks read). */
export interface SimMessage {
  wamid: string;
  bizOpaqueCallbackData: string | null;
  statuses: string[];
  /** Statuses the simulator never delivered (failure mode statusWebhookDropRate). */
  droppedStatuses?: string[];
}

export interface PipelineCounts {
  send: number;
  skipByReason: Map<string, number>;
  simulatorMessages: number;
  duplicateMessages: number;
  /** Second copies whose first copy's status webhooks were all lost: nothing could tell us it was sent. */
  duplicatesUnseen: number;
  /** Second copies whose first copy a late status proved, credited to its attempt in the ledger. */
  duplicatesLedgered: number;
  missingMessages: number;
  failedNotifications: number;
  statusesExpected: number;
  consentsRecorded: number;
}

/**
 * The run's outcome against the database and the simulator: exactly one message per event the
 * policy allowed (none for the others), and every accepted event, decision, send, status and
 * consent in the ledger exactly once and sequenced.
 */
export async function checkPipeline(db: pg.Pool, load: LoadResult, messages: SimMessage[], findings: string[]): Promise<PipelineCounts> {
  const limit = (list: string[], what: string) => {
    if (list.length > 0) findings.push(`${list.length} ${what}: ${list.slice(0, 5).join('; ')}${list.length > 5 ? '; …' : ''}`);
  };
  const byNotification = new Map<string, SimMessage[]>();
  for (const m of messages) {
    const key = parseCallbackData(m.bizOpaqueCallbackData)?.notificationId ?? '(none)';
    byNotification.set(key, [...(byNotification.get(key) ?? []), m]);
  }
  const { rows: notifications } = await db.query<{ id: string; status: string; wamid: string | null; last_error: unknown }>(
    `SELECT id::text, status, wamid, last_error FROM notifications`,
  );
  const notificationById = new Map(notifications.map((n) => [n.id, n]));

  const counts: PipelineCounts = {
    send: 0,
    skipByReason: new Map(),
    simulatorMessages: messages.length,
    duplicateMessages: 0,
    duplicatesUnseen: 0,
    duplicatesLedgered: 0,
    missingMessages: 0,
    failedNotifications: 0,
    statusesExpected: 0,
    consentsRecorded: 0,
  };
  const duplicates: string[] = [];
  const missing: string[] = [];
  const skippedButSent: string[] = [];
  const failed: string[] = [];
  const ours = new Set<string>();
  // Attempts given up on whose message a late status proved (late-attempt.repository.ts).
  const { rows: lateRows } = await db.query<{ wamid: string }>(`SELECT wamid FROM send_attempts WHERE outcome = 'accepted-late'`);
  const creditedLate = new Set(lateRows.map((r) => r.wamid));
  const allLost = (m: SimMessage) => (m.droppedStatuses?.length ?? 0) === m.statuses.length;
  /** A copy the notification was not recorded with that Sigillo could not have known of. */
  const unseen = new Set<string>();
  for (const [eventId, answer] of load.accepted) {
    ours.add(answer.notificationId);
    const sent = byNotification.get(answer.notificationId) ?? [];
    if (answer.decision === 'SKIP') {
      counts.skipByReason.set(answer.reason ?? '?', (counts.skipByReason.get(answer.reason ?? '?') ?? 0) + 1);
      if (sent.length > 0) skippedButSent.push(`${eventId} (${answer.reason})`);
      continue;
    }
    counts.send++;
    const row = notificationById.get(answer.notificationId);
    if (row?.status === 'FAILED') {
      counts.failedNotifications++;
      failed.push(`${eventId}: ${JSON.stringify(row.last_error).slice(0, 160)}`);
    }
    if (sent.length > 1) {
      counts.duplicateMessages += sent.length - 1;
      // The window left on purpose (reconcile.ts): the first copy's statuses all lost, or late enough to
      // arrive after the sends around it had theirs. Anything else is a defect.
      for (const extra of sent.filter((m) => m.wamid !== row?.wamid)) {
        if (creditedLate.has(extra.wamid)) counts.duplicatesLedgered++;
        else if (allLost(extra)) {
          counts.duplicatesUnseen++;
          unseen.add(extra.wamid);
        } else duplicates.push(`${eventId} got ${sent.length} messages; ${extra.wamid} had statuses and is in no attempt`);
      }
    } else if (sent.length === 0) {
      counts.missingMessages++;
      missing.push(`${eventId} (notification ${row?.status ?? 'missing'})`);
    } else if (row?.wamid !== sent[0].wamid) {
      findings.push(`${eventId}: the notification records wamid ${row?.wamid ?? 'none'}, the simulator sent ${sent[0].wamid}`);
    }
  }
  const strangers = messages.filter((m) => !ours.has(parseCallbackData(m.bizOpaqueCallbackData)?.notificationId ?? '')).map((m) => m.wamid);
  limit(duplicates, 'events with more than one WhatsApp message not explained by lost status webhooks');
  limit(missing, 'events the policy allowed without a WhatsApp message');
  limit(skippedButSent, 'events refused by policy that were sent anyway');
  limit(failed, 'allowed events whose send finally failed');
  limit(strangers, 'simulator messages for no accepted event');

  // Events and decisions: one row, one event.received and one notification.decided entry each, sequenced.
  const { rows: eventCount } = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM events');
  if (eventCount[0].n !== load.accepted.size) findings.push(`events table holds ${eventCount[0].n} events, ${load.accepted.size} were accepted`);
  const perEvent = await entriesBy(db, `type IN ('event.received/v2', 'notification.decided')`, `body->>'eventId' || ' ' || type`);
  const eventProblems: string[] = [];
  for (const [eventId] of load.accepted) {
    for (const type of ['event.received/v2', 'notification.decided']) {
      const e = perEvent.get(`${eventId} ${type}`);
      if (!e || e.n !== 1 || e.sequenced !== 1) eventProblems.push(`${eventId} ${type}: ${e?.n ?? 0} entries, ${e?.sequenced ?? 0} sequenced`);
    }
  }
  limit(eventProblems, 'accepted events not in the ledger exactly once');

  // Sends: one message.submitted per message the simulator accepted, naming its wamid.
  const submitted = await entriesBy(db, `type = 'message.submitted/v2'`, `body->>'wamid'`);
  const sendProblems: string[] = [];
  for (const m of messages) {
    if (unseen.has(m.wamid)) continue;
    const e = submitted.get(m.wamid);
    if (!e || e.n !== 1 || e.sequenced !== 1) sendProblems.push(`${m.wamid}: ${e?.n ?? 0} message.submitted entries, ${e?.sequenced ?? 0} sequenced`);
  }
  limit(sendProblems, 'sends not in the ledger exactly once');

  // Statuses: every status the simulator planned (and POSTed) is one message.status entry.
  const statuses = await entriesBy(db, `type = 'message.status'`, `body->>'wamid' || ' ' || (body->>'status')`);
  const statusProblems: string[] = [];
  for (const m of messages) {
    for (const s of m.statuses) {
      if (m.droppedStatuses?.includes(s)) continue;
      counts.statusesExpected++;
      const e = statuses.get(`${m.wamid} ${s}`);
      if (!e || e.n !== 1 || e.sequenced !== 1) statusProblems.push(`${m.wamid} ${s}: ${e?.n ?? 0} entries, ${e?.sequenced ?? 0} sequenced`);
    }
  }
  limit(statusProblems, 'delivery statuses not in the ledger exactly once');

  // Consents: each accepted client id is one consent row whose consent.changed entry is sequenced.
  const { rows: consents } = await db.query<{ client_id: string; seq: string | null }>(
    `SELECT c.client_id, e.seq::text AS seq FROM consents c LEFT JOIN ledger_entries e ON e.id = c.ledger_entry_id WHERE c.client_id = ANY($1)`,
    [[...load.consentsAccepted]],
  );
  counts.consentsRecorded = consents.length;
  const consentById = new Map<string, (string | null)[]>();
  for (const c of consents) consentById.set(c.client_id, [...(consentById.get(c.client_id) ?? []), c.seq]);
  const consentProblems = [...load.consentsAccepted].filter((id) => {
    const seqs = consentById.get(id) ?? [];
    return seqs.length !== 1 || seqs[0] === null;
  });
  limit(consentProblems, 'accepted consents not in the ledger exactly once');

  const { rows: unsequenced } = await db.query<{ n: number; max: string | null; total: number }>(
    'SELECT COUNT(*) FILTER (WHERE seq IS NULL)::int AS n, MAX(seq)::text AS max, COUNT(*)::int AS total FROM ledger_entries',
  );
  if (unsequenced[0].n > 0) findings.push(`${unsequenced[0].n} ledger entries never sequenced`);
  if (unsequenced[0].total > 0 && BigInt(unsequenced[0].max ?? -1) !== BigInt(unsequenced[0].total - 1))
    findings.push(`seqs are not gapless: max ${unsequenced[0].max}, ${unsequenced[0].total} entries`);
  return counts;
}

async function entriesBy(db: pg.Pool, where: string, key: string): Promise<Map<string, { n: number; sequenced: number }>> {
  const { rows } = await db.query<{ k: string; n: number; sequenced: number }>(
    `SELECT ${key} AS k, COUNT(*)::int AS n, COUNT(seq)::int AS sequenced FROM ledger_entries WHERE ${where} GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.k, { n: r.n, sequenced: r.sequenced }]));
}
