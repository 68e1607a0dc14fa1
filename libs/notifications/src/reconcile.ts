/**
 * What to do with a send attempt found without outcome: the worker died, or the provider's answer
 * never came, between the call and our record of it. Meta may have accepted the message, and it
 * has no idempotency key, so sending again risks a second message. The one proof of acceptance is
 * a status webhook echoing the attempt (`biz_opaque_callback_data`); its absence proves nothing
 * while webhooks themselves are late. So a resend needs both time and evidence that statuses of
 * the sends made around the same moment did arrive.
 */

export interface OpenAttemptEvidence {
  /** Since the attempt was started. */
  ageMs: number;
  /** Wamids of stored statuses that echo this attempt, oldest first. */
  echoedWamids: string[];
  /** The tenant's other attempts made just before and after this one that the provider accepted... */
  neighboursAccepted: number;
  /** ...and how many of those have at least one status stored. */
  neighboursWithStatus: number;
  /** Whether any status for the tenant arrived after the attempt was started (webhooks are flowing). */
  statusSinceStart: boolean;
}

export interface ReconcilePolicy {
  /** How long Meta takes, at most in practice, to send the first status of an accepted message. */
  windowMs: number;
  /** After this long without evidence either way the message is sent again all the same. */
  maxWaitMs: number;
  /** How often to look again while waiting. */
  pollMs: number;
}

export type ReconcileDecision = { kind: 'record'; wamid: string } | { kind: 'wait'; ms: number; why: string } | { kind: 'resend'; why: string };

export function decideOpenAttempt(e: OpenAttemptEvidence, p: ReconcilePolicy): ReconcileDecision {
  if (e.echoedWamids.length > 0) return { kind: 'record', wamid: e.echoedWamids[0] };
  const wait = (until: number, why: string): ReconcileDecision => ({ kind: 'wait', ms: Math.max(1, Math.min(p.pollMs, until - e.ageMs)), why });
  if (e.ageMs < p.windowMs) return wait(p.windowMs, 'no status yet; Meta may still send one');
  if (webhooksArrivedAroundIt(e)) {
    return {
      kind: 'resend',
      why: `no status echoes it after ${Math.round(e.ageMs / 1000)} s while ${e.neighboursWithStatus} of the ${e.neighboursAccepted} sends around it got theirs`,
    };
  }
  if (e.neighboursAccepted === 0 && e.statusSinceStart) {
    return { kind: 'resend', why: `no status echoes it after ${Math.round(e.ageMs / 1000)} s while other statuses arrived` };
  }
  if (e.ageMs >= p.maxWaitMs)
    return { kind: 'resend', why: `no status after the longest wait (${Math.round(p.maxWaitMs / 1000)} s), and none for the sends around it either` };
  return wait(p.maxWaitMs, 'statuses of the sends around it are missing too: webhooks are late, not absent');
}

/**
 * Most of the neighbours' statuses arrived. Not all: a neighbour can lose its own statuses, or be
 * one Meta failed without a webhook yet; half is a majority that late webhooks would not give.
 */
function webhooksArrivedAroundIt(e: OpenAttemptEvidence): boolean {
  return e.neighboursAccepted > 0 && e.neighboursWithStatus * 2 >= e.neighboursAccepted;
}
