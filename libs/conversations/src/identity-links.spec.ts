import { identifiersToRead, isBsuid, namesSeveral, normalizeIdentifier, planIdentityLinks, planLinkBatch } from './identity-links.js';

const ids = () => {
  let n = 0;
  return () => `p${++n}`;
};

describe('normalizeIdentifier', () => {
  it.each([
    ['US.13491208655302741918', { kind: 'bsuid', value: 'US.13491208655302741918' }],
    ['IT.1502576394655843', { kind: 'bsuid', value: 'IT.1502576394655843' }],
    ['US.ENT.11815799212886844830', { kind: 'bsuid', value: 'US.ENT.11815799212886844830' }],
    ['5511987654321', { kind: 'phone', value: '+5511987654321' }],
    ['+393331234567', { kind: 'phone', value: '+393331234567' }],
  ])('%s', (raw, want) => expect(normalizeIdentifier(raw)).toEqual(want));

  it.each([[null], [undefined], [''], ['hello'], ['us.123'], ['0123456789'], ['+12'], ['US.'], ['USA.123']])('refuses %s', (raw) =>
    expect(normalizeIdentifier(raw)).toBeNull(),
  );

  it('tells a BSUID from a number', () => {
    expect(isBsuid('BR.1502576394655843')).toBe(true);
    expect(isBsuid('+5511987654321')).toBe(false);
  });
});

describe('planIdentityLinks', () => {
  it('links a wa_id and a user_id Meta names together into a new person', () => {
    expect(planIdentityLinks([['16505551234', 'US.13491208655302741918']], new Map(), ids())).toEqual({
      assign: [
        { identifier: '+16505551234', kind: 'phone', personId: 'p1' },
        { identifier: 'US.13491208655302741918', kind: 'bsuid', personId: 'p1' },
      ],
      merges: [],
    });
  });

  it('links nothing for an identifier alone, a group of unreadable strings, or the same one twice', () => {
    expect(planIdentityLinks([['16505551234'], ['x', null], ['16505551234', '+16505551234']], new Map(), ids())).toEqual({ assign: [], merges: [] });
  });

  it('adds a new identifier to the person an old one belongs to', () => {
    const known = new Map([['+5511987654321', 'a']]);
    // Brazil: dialled with 8 digits, Meta answers with the 9-digit wa_id.
    expect(planIdentityLinks([['+551187654321', '5511987654321']], known, ids())).toEqual({
      assign: [{ identifier: '+551187654321', kind: 'phone', personId: 'a' }],
      merges: [],
    });
  });

  it('writes nothing when everything is already linked (a re-delivered webhook)', () => {
    const known = new Map([
      ['+16505551234', 'a'],
      ['US.1', 'a'],
    ]);
    expect(planIdentityLinks([['16505551234', 'US.1']], known, ids())).toEqual({ assign: [], merges: [] });
  });

  it('merges two persons into the one whose id sorts first, whatever the order Meta names them in', () => {
    const known = new Map([
      ['+16505551234', 'b'],
      ['US.1', 'a'],
    ]);
    const want = { assign: [{ identifier: '+16505551234', kind: 'phone', personId: 'a' }], merges: [{ from: 'b', into: 'a' }] };
    expect(planIdentityLinks([['16505551234', 'US.1']], known, ids())).toEqual(want);
    expect(planIdentityLinks([['US.1', '16505551234']], known, ids())).toEqual(want);
  });

  it('follows merges across groups of one payload', () => {
    const known = new Map([
      ['+111111111', 'c'],
      ['+222222222', 'b'],
      ['+333333333', 'a'],
    ]);
    const plan = planIdentityLinks(
      [
        ['+111111111', '+222222222'],
        ['+222222222', '+333333333'],
      ],
      known,
      ids(),
    );
    expect(plan.merges).toEqual([
      { from: 'c', into: 'a' },
      { from: 'b', into: 'a' },
    ]);
    expect(plan.assign).toEqual([
      { identifier: '+111111111', kind: 'phone', personId: 'a' },
      { identifier: '+222222222', kind: 'phone', personId: 'a' },
    ]);
  });

  it('links three identifiers at once (dialled number, resolved wa_id, BSUID from a send answer)', () => {
    const plan = planIdentityLinks([['551187654321', '5511987654321', 'BR.1502576394655843']], new Map(), ids());
    expect(plan.assign.map((a) => [a.identifier, a.personId])).toEqual([
      ['+551187654321', 'p1'],
      ['+5511987654321', 'p1'],
      ['BR.1502576394655843', 'p1'],
    ]);
  });

  it('draws one new person per unrelated group', () => {
    const plan = planIdentityLinks(
      [
        ['+111111111', 'US.1'],
        ['+222222222', 'US.2'],
      ],
      new Map(),
      ids(),
    );
    expect(plan.assign.map((a) => a.personId)).toEqual(['p1', 'p1', 'p2', 'p2']);
  });
});

describe('namesSeveral', () => {
  it('is false when no group names two different identifiers (no query needed)', () => {
    expect(namesSeveral([])).toBe(false);
    expect(namesSeveral([[]])).toBe(false);
    expect(namesSeveral([['16505551234']])).toBe(false);
    // A status naming again the number it was sent to, with and without +.
    expect(namesSeveral([['+16505551234', '16505551234', null]])).toBe(false);
    expect(namesSeveral([['+16505551234', 'not a number', undefined]])).toBe(false);
    expect(namesSeveral([['16505551234'], ['US.1']])).toBe(false);
  });

  it('is true when one group names two', () => {
    expect(namesSeveral([['16505551234'], ['+16505551234', 'US.1']])).toBe(true);
    expect(namesSeveral([['+551187654321', '5511987654321']])).toBe(true);
  });
});

describe('identifiersToRead', () => {
  it('reads, per tenant, the normalized identifiers of groups naming several, once each', () => {
    const read = identifiersToRead([
      { tenantId: 't1', groups: [['+16505551234', '16505551234']] },
      { tenantId: 't1', groups: [['16505551234', 'US.1']] },
      {
        tenantId: 't2',
        groups: [
          ['16505551234', 'US.1'],
          ['US.1', '+16505559999'],
        ],
      },
      { tenantId: 't3', groups: [['16505551234', null]] },
    ]);
    expect([...read]).toEqual([
      ['t1', ['+16505551234', 'US.1']],
      ['t2', ['+16505551234', 'US.1', '+16505559999']],
    ]);
  });

  it('reads nothing for requests that link nothing', () => {
    expect(identifiersToRead([{ tenantId: 't1', groups: [['16505551234', '+16505551234']] }]).size).toBe(0);
  });
});

describe('planLinkBatch', () => {
  it('is empty when everything is linked already (the usual status): no transaction', () => {
    const known = new Map([
      [
        't1',
        new Map([
          ['+16505551234', 'a'],
          ['US.1', 'a'],
        ]),
      ],
    ]);
    expect(
      planLinkBatch(
        [
          { tenantId: 't1', groups: [['16505551234', 'US.1']] },
          { tenantId: 't1', groups: [['+16505551234']] },
        ],
        known,
        ids(),
      ),
    ).toEqual([]);
  });

  it('plans each tenant apart: the same identifiers of two tenants are two people', () => {
    const known = new Map([['t1', new Map([['+16505551234', 'a']])]]);
    const plans = planLinkBatch(
      [
        { tenantId: 't1', groups: [['16505551234', 'US.1']] },
        { tenantId: 't2', groups: [['16505551234', 'US.1']] },
      ],
      known,
      ids(),
    );
    expect(plans).toEqual([
      { tenantId: 't1', plan: { assign: [{ identifier: 'US.1', kind: 'bsuid', personId: 'a' }], merges: [] } },
      {
        tenantId: 't2',
        plan: {
          assign: [
            { identifier: '+16505551234', kind: 'phone', personId: 'p1' },
            { identifier: 'US.1', kind: 'bsuid', personId: 'p1' },
          ],
          merges: [],
        },
      },
    ]);
  });

  it("plans a tenant's requests as if applied one after the other (one person, not one per request)", () => {
    const batch = planLinkBatch(
      [
        { tenantId: 't1', groups: [['+111111111', 'US.1']] },
        { tenantId: 't1', groups: [['US.1', '+222222222']] },
      ],
      new Map(),
      ids(),
    );
    const one = planIdentityLinks(
      [
        ['+111111111', 'US.1'],
        ['US.1', '+222222222'],
      ],
      new Map(),
      ids(),
    );
    expect(batch).toEqual([{ tenantId: 't1', plan: one }]);
    expect(new Set(one.assign.map((a) => a.personId))).toEqual(new Set(['p1']));
  });

  it('carries merges found across requests of one batch', () => {
    const known = new Map([
      [
        't1',
        new Map([
          ['+111111111', 'b'],
          ['+222222222', 'a'],
        ]),
      ],
    ]);
    const [{ plan }] = planLinkBatch(
      [
        { tenantId: 't1', groups: [['+111111111', 'US.1']] },
        { tenantId: 't1', groups: [['US.1', '+222222222']] },
      ],
      known,
      ids(),
    );
    // +111111111 moves with its person (the merge); only the BSUID is assigned.
    expect(plan.merges).toEqual([{ from: 'b', into: 'a' }]);
    expect(plan.assign).toEqual([{ identifier: 'US.1', kind: 'bsuid', personId: 'a' }]);
  });
});
