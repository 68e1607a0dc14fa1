import { decideOpenAttempt, type OpenAttemptEvidence, type ReconcilePolicy } from './reconcile.js';

const policy: ReconcilePolicy = { windowMs: 60_000, maxWaitMs: 1_800_000, pollMs: 5_000 };
const evidence = (e: Partial<OpenAttemptEvidence>): OpenAttemptEvidence => ({
  ageMs: 0,
  echoedWamids: [],
  neighboursAccepted: 0,
  neighboursWithStatus: 0,
  statusSinceStart: false,
  ...e,
});

describe('decideOpenAttempt', () => {
  it('records the first wamid a status echoed, however young or old the attempt', () => {
    for (const ageMs of [0, 59_999, 60_000, 10_000_000]) {
      expect(decideOpenAttempt(evidence({ ageMs, echoedWamids: ['wamid.A', 'wamid.B'] }), policy)).toEqual({ kind: 'record', wamid: 'wamid.A' });
    }
  });

  it('waits within the window, whatever the neighbours say, never past its end', () => {
    expect(decideOpenAttempt(evidence({ ageMs: 0, neighboursAccepted: 10, neighboursWithStatus: 10, statusSinceStart: true }), policy)).toMatchObject({
      kind: 'wait',
      ms: 5_000,
    });
    expect(decideOpenAttempt(evidence({ ageMs: 58_000 }), policy)).toMatchObject({ kind: 'wait', ms: 2_000 });
    expect(decideOpenAttempt(evidence({ ageMs: 59_999 }), policy)).toMatchObject({ kind: 'wait', ms: 1 });
  });

  it('resends after the window when most sends around it got their statuses', () => {
    expect(decideOpenAttempt(evidence({ ageMs: 60_000, neighboursAccepted: 10, neighboursWithStatus: 10 }), policy).kind).toBe('resend');
    expect(decideOpenAttempt(evidence({ ageMs: 60_000, neighboursAccepted: 10, neighboursWithStatus: 5 }), policy).kind).toBe('resend');
    expect(decideOpenAttempt(evidence({ ageMs: 60_000, neighboursAccepted: 1, neighboursWithStatus: 1 }), policy).kind).toBe('resend');
  });

  it('keeps waiting when the sends around it lack their statuses too: webhooks are late', () => {
    const late = decideOpenAttempt(evidence({ ageMs: 120_000, neighboursAccepted: 10, neighboursWithStatus: 4, statusSinceStart: true }), policy);
    expect(late).toMatchObject({ kind: 'wait', ms: 5_000 });
    expect(decideOpenAttempt(evidence({ ageMs: 1_799_000, neighboursAccepted: 3, neighboursWithStatus: 0 }), policy)).toMatchObject({
      kind: 'wait',
      ms: 1_000,
    });
  });

  it('with no neighbour to compare, resends once any other status arrived after it, else waits', () => {
    expect(decideOpenAttempt(evidence({ ageMs: 60_000, statusSinceStart: true }), policy).kind).toBe('resend');
    expect(decideOpenAttempt(evidence({ ageMs: 60_000, statusSinceStart: false }), policy)).toMatchObject({ kind: 'wait', ms: 5_000 });
  });

  it('resends after the longest wait without any evidence', () => {
    expect(decideOpenAttempt(evidence({ ageMs: 1_800_000 }), policy).kind).toBe('resend');
    expect(decideOpenAttempt(evidence({ ageMs: 1_800_000, neighboursAccepted: 8, neighboursWithStatus: 0 }), policy).kind).toBe('resend');
  });

  it('says why, with no personal data', () => {
    const d = decideOpenAttempt(evidence({ ageMs: 61_000, neighboursAccepted: 4, neighboursWithStatus: 3 }), policy);
    expect(d).toEqual({ kind: 'resend', why: 'no status echoes it after 61 s while 3 of the 4 sends around it got theirs' });
  });
});
