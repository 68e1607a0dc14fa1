import { parseCallbackData } from './callback-data.js';

/**
 * Statuses that name one of our sends (`biz_opaque_callback_data`) but not the wamid the
 * notification was recorded with: the message of an attempt given up on (its outcome lost, then
 * sent again) that Meta had accepted after all. The user got it, so the ledger must say so: the
 * attempt is credited with the wamid and the statuses join the notification's story.
 */

export interface UnrecordedStatus {
  id: string;
  wamid: string;
  tenantId: string | null;
  callbackData: string | null;
}

export interface AttemptState {
  attempt: number;
  outcome: string | null;
  wamid: string | null;
}

export interface NotificationAttempts {
  id: string;
  tenantId: string;
  wamid: string | null;
  attempts: AttemptState[];
}

export interface LateAcceptance {
  notificationId: string;
  attempt: number;
  wamid: string;
}

export interface LateAttribution {
  /** Attempts given up on that the provider had accepted, each credited once with its first wamid. */
  acceptances: LateAcceptance[];
  /** Statuses now recorded against their notification, by stored status id. */
  statuses: { statusId: string; notificationId: string; attempt: number }[];
}

/** Outcome of an attempt closed without learning whether the provider took it. */
export const UNKNOWN_OUTCOME = 'unknown';
/** Such an attempt, once a status proved the provider had accepted it. */
export const ACCEPTED_LATE = 'accepted-late';

export function attributeLateStatuses(statuses: UnrecordedStatus[], notifications: Map<string, NotificationAttempts>): LateAttribution {
  const result: LateAttribution = { acceptances: [], statuses: [] };
  // Credited in this pass: attempt key → wamid, so two statuses of one message credit it once.
  const credited = new Map<string, string>();
  for (const s of statuses) {
    const callback = parseCallbackData(s.callbackData);
    if (!callback) continue;
    const n = notifications.get(callback.notificationId);
    // Only within the tenant that owns the phone number the status came through.
    if (!n || s.tenantId === null || s.tenantId !== n.tenantId) continue;
    // The notification's own message: the ordinary status path records it.
    if (n.wamid === s.wamid) continue;
    const target = targetAttempt(n, callback.attempt, s.wamid);
    if (!target) continue;
    const key = `${n.id}:${target.attempt}`;
    const wamid = target.wamid ?? credited.get(key) ?? null;
    if (wamid === null) {
      if (target.outcome !== UNKNOWN_OUTCOME) continue;
      credited.set(key, s.wamid);
      result.acceptances.push({ notificationId: n.id, attempt: target.attempt, wamid: s.wamid });
    } else if (wamid !== s.wamid) {
      continue;
    }
    result.statuses.push({ statusId: s.id, notificationId: n.id, attempt: target.attempt });
  }
  return result;
}

/**
 * The attempt a status belongs to: the one its callback names, or, for callbacks written before
 * they carried the attempt, the one already credited with its wamid, else the latest given up on.
 */
function targetAttempt(n: NotificationAttempts, attempt: number | null, wamid: string): AttemptState | null {
  if (attempt !== null) return n.attempts.find((a) => a.attempt === attempt) ?? null;
  const credited = n.attempts.find((a) => a.wamid === wamid);
  if (credited) return credited;
  const unknown = n.attempts.filter((a) => a.outcome === UNKNOWN_OUTCOME && a.wamid === null);
  return unknown.length > 0 ? unknown.reduce((a, b) => (b.attempt > a.attempt ? b : a)) : null;
}
