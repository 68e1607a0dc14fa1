// A message's outcome as staff read it, from the notification's columns. The list filters on it in
// SQL (OUTCOME_PREDICATES) and labels each row with deriveOutcome: the two are one table, kept
// side by side here and checked against each other in outcome.spec.ts.

export const OUTCOMES = ['pending', 'sent', 'delivered', 'read', 'failed', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface NotificationState {
  decision: string;
  /** The SKIP reason. */
  reason: string | null;
  /** QUEUED, SENDING, SUBMITTED, FAILED, SKIPPED, ERASED. */
  status: string;
  /** sent < delivered < read; failed is terminal. */
  deliveryStatus: string | null;
  /** Meta's error code of a failed send or a failed status, when known. */
  errorCode: string | null;
}

/** The outcome and the reason shown with it (the SKIP reason, Meta's error code, ERASED). */
export function deriveOutcome(n: NotificationState): { outcome: Outcome; reason: string | null } {
  if (n.decision === 'SKIP') return { outcome: 'refused', reason: n.reason };
  if (n.status === 'ERASED') return { outcome: 'failed', reason: 'ERASED' };
  if (n.status === 'FAILED' || n.deliveryStatus === 'failed') return { outcome: 'failed', reason: n.errorCode };
  if (n.deliveryStatus === 'read') return { outcome: 'read', reason: null };
  if (n.deliveryStatus === 'delivered') return { outcome: 'delivered', reason: null };
  // Accepted by Meta (SUBMITTED) counts as sent even before its `sent` status arrives.
  if (n.deliveryStatus === 'sent' || n.status === 'SUBMITTED') return { outcome: 'sent', reason: null };
  return { outcome: 'pending', reason: null };
}

/** SQL over `n` (notifications) selecting exactly the rows deriveOutcome labels with each outcome. */
export const OUTCOME_PREDICATES: Record<Outcome, string> = {
  refused: `n.decision = 'SKIP'`,
  failed: `n.decision <> 'SKIP' AND (n.status IN ('ERASED', 'FAILED') OR n.delivery_status IS NOT DISTINCT FROM 'failed')`,
  read: `n.decision <> 'SKIP' AND n.status NOT IN ('ERASED', 'FAILED') AND n.delivery_status = 'read'`,
  delivered: `n.decision <> 'SKIP' AND n.status NOT IN ('ERASED', 'FAILED') AND n.delivery_status = 'delivered'`,
  sent: `n.decision <> 'SKIP' AND n.status NOT IN ('ERASED', 'FAILED') AND (n.delivery_status = 'sent' OR (n.status = 'SUBMITTED' AND n.delivery_status IS NULL))`,
  pending: `n.decision <> 'SKIP' AND n.status NOT IN ('ERASED', 'FAILED', 'SUBMITTED') AND n.delivery_status IS NULL`,
};
