import { callbackDataFor } from './callback-data.js';
import { ACCEPTED_LATE, attributeLateStatuses, type NotificationAttempts, UNKNOWN_OUTCOME, type UnrecordedStatus } from './late-attempts.js';

const N = '0b6f3b4e-8a52-4a57-9a55-1f1d2b7c9e10';
const T = 'a1a1a1a1-0000-4000-8000-000000000001';
const OTHER_T = 'b2b2b2b2-0000-4000-8000-000000000002';

const resent: NotificationAttempts = {
  id: N,
  tenantId: T,
  wamid: 'wamid.SECOND',
  attempts: [
    { attempt: 1, outcome: UNKNOWN_OUTCOME, wamid: null },
    { attempt: 2, outcome: 'submitted', wamid: 'wamid.SECOND' },
  ],
};
const byId = (...ns: NotificationAttempts[]) => new Map(ns.map((n) => [n.id, n]));
const status = (id: string, wamid: string, callbackData: string | null, tenantId: string | null = T): UnrecordedStatus => ({
  id,
  wamid,
  tenantId,
  callbackData,
});

describe('attributeLateStatuses', () => {
  it('credits an attempt given up on with the wamid its late status names, and records its statuses', () => {
    const r = attributeLateStatuses([status('1', 'wamid.FIRST', callbackDataFor(N, 1)), status('2', 'wamid.FIRST', callbackDataFor(N, 1))], byId(resent));
    expect(r.acceptances).toEqual([{ notificationId: N, attempt: 1, wamid: 'wamid.FIRST' }]);
    expect(r.statuses).toEqual([
      { statusId: '1', notificationId: N, attempt: 1 },
      { statusId: '2', notificationId: N, attempt: 1 },
    ]);
  });

  it('records later statuses of an attempt already credited, without crediting it again', () => {
    const credited = { ...resent, attempts: [{ attempt: 1, outcome: ACCEPTED_LATE, wamid: 'wamid.FIRST' }, resent.attempts[1]] };
    const r = attributeLateStatuses([status('3', 'wamid.FIRST', callbackDataFor(N, 1))], byId(credited));
    expect(r.acceptances).toEqual([]);
    expect(r.statuses).toEqual([{ statusId: '3', notificationId: N, attempt: 1 }]);
  });

  it('reads callbacks written before they carried the attempt: the latest attempt given up on', () => {
    const twice = {
      ...resent,
      attempts: [
        { attempt: 1, outcome: UNKNOWN_OUTCOME, wamid: null },
        { attempt: 2, outcome: UNKNOWN_OUTCOME, wamid: null },
        { attempt: 3, outcome: 'submitted', wamid: 'wamid.SECOND' },
      ],
    };
    expect(attributeLateStatuses([status('1', 'wamid.X', N)], byId(twice)).acceptances).toEqual([{ notificationId: N, attempt: 2, wamid: 'wamid.X' }]);
    const known = { ...twice, attempts: [{ attempt: 1, outcome: ACCEPTED_LATE, wamid: 'wamid.X' }, ...twice.attempts.slice(1)] };
    expect(attributeLateStatuses([status('1', 'wamid.X', N)], byId(known))).toEqual({
      acceptances: [],
      statuses: [{ statusId: '1', notificationId: N, attempt: 1 }],
    });
  });

  it('leaves the notification own message to the ordinary status path', () => {
    expect(attributeLateStatuses([status('1', 'wamid.SECOND', callbackDataFor(N, 2))], byId(resent))).toEqual({ acceptances: [], statuses: [] });
  });

  it('never crosses tenants, and ignores statuses without a tenant', () => {
    expect(attributeLateStatuses([status('1', 'wamid.FIRST', callbackDataFor(N, 1), OTHER_T)], byId(resent))).toEqual({ acceptances: [], statuses: [] });
    expect(attributeLateStatuses([status('1', 'wamid.FIRST', callbackDataFor(N, 1), null)], byId(resent))).toEqual({ acceptances: [], statuses: [] });
  });

  it('leaves an open attempt to its send job, and an attempt that ended otherwise alone', () => {
    const open = { ...resent, wamid: null, attempts: [{ attempt: 1, outcome: null, wamid: null }] };
    expect(attributeLateStatuses([status('1', 'wamid.FIRST', callbackDataFor(N, 1))], byId(open))).toEqual({ acceptances: [], statuses: [] });
    const retried = { ...resent, attempts: [{ attempt: 1, outcome: 'retry', wamid: null }, resent.attempts[1]] };
    expect(attributeLateStatuses([status('1', 'wamid.FIRST', callbackDataFor(N, 1))], byId(retried))).toEqual({ acceptances: [], statuses: [] });
  });

  it('credits an attempt with one wamid only: a second message claiming it is left unrecorded', () => {
    const r = attributeLateStatuses([status('1', 'wamid.FIRST', callbackDataFor(N, 1)), status('2', 'wamid.OTHER', callbackDataFor(N, 1))], byId(resent));
    expect(r.acceptances).toHaveLength(1);
    expect(r.statuses).toEqual([{ statusId: '1', notificationId: N, attempt: 1 }]);
  });

  it('ignores unknown notifications, unknown attempts and callbacks Sigillo did not write', () => {
    expect(
      attributeLateStatuses([status('1', 'wamid.FIRST', callbackDataFor(N, 9)), status('2', 'wamid.Y', 'n-1'), status('3', 'wamid.Z', null)], byId(resent)),
    ).toEqual({ acceptances: [], statuses: [] });
    expect(attributeLateStatuses([status('1', 'wamid.FIRST', callbackDataFor(N, 1))], byId())).toEqual({ acceptances: [], statuses: [] });
  });
});
