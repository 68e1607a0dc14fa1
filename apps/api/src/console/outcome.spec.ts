import { deriveOutcome, OUTCOME_PREDICATES, OUTCOMES, type NotificationState } from './outcome.js';

const base: NotificationState = { decision: 'SEND', reason: null, status: 'QUEUED', deliveryStatus: null, errorCode: null };

/** Evaluates an OUTCOME_PREDICATES text on one row, as PostgreSQL would (the few forms it uses). */
function sqlMatches(predicate: string, n: NotificationState): boolean {
  const row: Record<string, string | null> = { 'n.decision': n.decision, 'n.status': n.status, 'n.delivery_status': n.deliveryStatus };
  const js = predicate
    .replace(/(n\.[a-z_]+) IS NOT DISTINCT FROM '([^']*)'/g, (_, c, v) => JSON.stringify(row[c] === v))
    .replace(/(n\.[a-z_]+) IS NULL/g, (_, c) => JSON.stringify(row[c] === null))
    .replace(/(n\.[a-z_]+) NOT IN \(([^)]*)\)/g, (_, c, list) =>
      JSON.stringify(
        row[c] !== null &&
          !list
            .split(',')
            .map((x: string) => x.trim().slice(1, -1))
            .includes(row[c]),
      ),
    )
    .replace(/(n\.[a-z_]+) IN \(([^)]*)\)/g, (_, c, list) =>
      JSON.stringify(
        row[c] !== null &&
          list
            .split(',')
            .map((x: string) => x.trim().slice(1, -1))
            .includes(row[c]),
      ),
    )
    .replace(/(n\.[a-z_]+) <> '([^']*)'/g, (_, c, v) => JSON.stringify(row[c] !== null && row[c] !== v))
    .replace(/(n\.[a-z_]+) = '([^']*)'/g, (_, c, v) => JSON.stringify(row[c] === v))
    .replace(/\bAND\b/g, '&&')
    .replace(/\bOR\b/g, '||');
  return Function(`return (${js});`)() as boolean;
}

describe('a message outcome', () => {
  it('is refused, with its reason, for every SKIP', () => {
    expect(deriveOutcome({ ...base, decision: 'SKIP', reason: 'NO_MARKETING_CONSENT', status: 'SKIPPED' })).toEqual({
      outcome: 'refused',
      reason: 'NO_MARKETING_CONSENT',
    });
  });

  it('follows the furthest delivery status', () => {
    expect(deriveOutcome({ ...base, status: 'SUBMITTED', deliveryStatus: 'read' })).toEqual({ outcome: 'read', reason: null });
    expect(deriveOutcome({ ...base, status: 'SUBMITTED', deliveryStatus: 'delivered' })).toEqual({ outcome: 'delivered', reason: null });
    expect(deriveOutcome({ ...base, status: 'SUBMITTED', deliveryStatus: 'sent' })).toEqual({ outcome: 'sent', reason: null });
  });

  it('counts a submission Meta accepted as sent before its first status', () => {
    expect(deriveOutcome({ ...base, status: 'SUBMITTED' })).toEqual({ outcome: 'sent', reason: null });
  });

  it("is failed with Meta's code when the send or the delivery failed, and ERASED for a send cancelled by erasure", () => {
    expect(deriveOutcome({ ...base, status: 'FAILED', errorCode: '131026' })).toEqual({ outcome: 'failed', reason: '131026' });
    expect(deriveOutcome({ ...base, status: 'SUBMITTED', deliveryStatus: 'failed', errorCode: null })).toEqual({ outcome: 'failed', reason: null });
    expect(deriveOutcome({ ...base, status: 'ERASED' })).toEqual({ outcome: 'failed', reason: 'ERASED' });
  });

  it('is pending while queued or sending', () => {
    expect(deriveOutcome({ ...base, status: 'QUEUED' }).outcome).toBe('pending');
    expect(deriveOutcome({ ...base, status: 'SENDING' }).outcome).toBe('pending');
  });

  // Every combination of the columns: the SQL filter selects exactly the rows the label gives.
  it('is selected by exactly one SQL predicate, the one of its label', () => {
    const decisions = ['SEND', 'SKIP'];
    const statuses = ['QUEUED', 'SENDING', 'SUBMITTED', 'FAILED', 'SKIPPED', 'ERASED'];
    const deliveries = [null, 'sent', 'delivered', 'read', 'failed'];
    let rows = 0;
    for (const decision of decisions) {
      for (const status of statuses) {
        for (const deliveryStatus of deliveries) {
          const n = { ...base, decision, status, deliveryStatus };
          const matching = OUTCOMES.filter((o) => sqlMatches(OUTCOME_PREDICATES[o], n));
          expect({ n, matching }).toEqual({ n, matching: [deriveOutcome(n).outcome] });
          rows++;
        }
      }
    }
    expect(rows).toBe(60);
  });
});
