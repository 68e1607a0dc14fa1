import { identifiersToRead, isBsuid, namesSeveral, normalizeIdentifier, planIdentifierChange, planIdentityLinks, planLinkBatch } from './identity-links.js';

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

describe('a number its user left does not re-join them', () => {
  // The old number +111111111 went to person q when its user (person a: US.OLD, US.NEW, +222222222) changed number.
  const known = new Map([
    ['+111111111', 'q'],
    ['US.OLD', 'a'],
    ['US.NEW', 'a'],
    ['+222222222', 'a'],
  ]);
  const detached = new Map([['+111111111', 'a']]);

  it('a late status of an old send naming the old number beside the old BSUID links nothing', () => {
    expect(planIdentityLinks([['111111111', 'US.OLD']], known, ids(), detached)).toEqual({ assign: [], merges: [] });
  });

  it('nor beside any identifier of that person, in any order', () => {
    expect(planIdentityLinks([['+222222222', '+111111111', 'US.NEW']], known, ids(), detached)).toEqual({ assign: [], merges: [] });
  });

  it("links the number to whoever has it now: the next user's BSUID", () => {
    expect(planIdentityLinks([['111111111', 'US.NEXT']], known, ids(), detached)).toEqual({
      assign: [{ identifier: 'US.NEXT', kind: 'bsuid', personId: 'q' }],
      merges: [],
    });
  });

  it('follows a merge of the person it left, within one batch', () => {
    const k = new Map([...known, ['+333333333', '0']]);
    // a merges into 0 (sorts first); the old number is still kept out of it.
    const plan = planIdentityLinks(
      [
        ['+333333333', 'US.OLD'],
        ['+111111111', '+333333333'],
      ],
      k,
      ids(),
      detached,
    );
    expect(plan.merges).toEqual([{ from: 'a', into: '0' }]);
    expect(plan.assign.map((x) => x.identifier)).not.toContain('+111111111');
  });

  it('planLinkBatch applies each tenant its own', () => {
    const batch = planLinkBatch(
      [
        { tenantId: 't1', groups: [['111111111', 'US.OLD']] },
        { tenantId: 't2', groups: [['111111111', 'US.OLD']] },
      ],
      new Map([
        ['t1', known],
        ['t2', known],
      ]),
      ids(),
      new Map([['t1', detached]]),
    );
    // Only t2, which recorded no change of number, joins them.
    expect(batch).toEqual([
      { tenantId: 't2', plan: { assign: [{ identifier: '+111111111', kind: 'phone', personId: 'a' }], merges: [{ from: 'q', into: 'a' }] } },
    ]);
  });
});

describe('planIdentifierChange', () => {
  const at = new Date('2026-11-20T10:00:00Z');
  const change = (over: Partial<Parameters<typeof planIdentifierChange>[0]> = {}) => ({
    systemType: 'user_changed_number',
    from: '111111111',
    previous: ['111111111', 'US.OLD'],
    to: ['222222222', 'US.NEW'],
    occurredAt: at,
    ...over,
  });
  const member = (identifier: string, detachedAt: Date | null = null) => ({
    identifier,
    kind: identifier.startsWith('+') ? ('phone' as const) : ('bsuid' as const),
    detachedAt,
  });

  it('a new number: the old one leaves, the new number and BSUID join the old BSUID', () => {
    expect(planIdentifierChange(change(), [member('+111111111'), member('US.OLD')])).toEqual({
      detach: [{ identifier: '+111111111', kind: 'phone' }],
      join: ['+222222222', 'US.NEW', 'US.OLD'],
      clear: ['+222222222', 'US.NEW'],
    });
  });

  it('every form of the old number Meta resolved leaves with it (Brazil: dialled with the 9th digit, wa_id without)', () => {
    const plan = planIdentifierChange(change({ from: '553187654321', previous: ['553187654321'] }), [
      member('+553187654321'),
      member('+5531987654321'),
      member('BR.1'),
    ]);
    expect(plan.detach.map((d) => d.identifier)).toEqual(['+553187654321', '+5531987654321']);
    expect(plan.join).toEqual(['+222222222', 'US.NEW', 'BR.1']);
  });

  it('a number never linked to anything still leaves (so a late status cannot tie it to the previous BSUID Meta names)', () => {
    expect(planIdentifierChange(change({ previous: ['111111111'], to: ['222222222'] }), [])).toEqual({
      detach: [{ identifier: '+111111111', kind: 'phone' }],
      join: ['+222222222'],
      clear: ['+222222222'],
    });
  });

  it('a new BSUID alone: nothing leaves, it joins everything the user has', () => {
    expect(
      planIdentifierChange(change({ systemType: 'user_changed_user_id', from: 'US.OLD', previous: ['US.OLD'], to: ['US.NEW'] }), [
        member('US.OLD'),
        member('+111111111'),
      ]),
    ).toEqual({ detach: [], join: ['US.NEW', 'US.OLD', '+111111111'], clear: ['US.NEW'] });
  });

  it('a user_changed_number naming only a new BSUID detaches nothing', () => {
    expect(planIdentifierChange(change({ to: ['US.NEW'] }), [member('+111111111')]).detach).toEqual([]);
  });

  it('a user taking back a number they left: it joins them, its detachment cleared', () => {
    const plan = planIdentifierChange(change({ from: '222222222', previous: ['222222222', 'US.NEW'], to: ['111111111', 'US.NEWER'] }), [
      member('+222222222'),
      member('US.NEW'),
      member('US.OLD'),
    ]);
    expect(plan).toEqual({
      detach: [{ identifier: '+222222222', kind: 'phone' }],
      join: ['+111111111', 'US.NEWER', 'US.NEW', 'US.OLD'],
      clear: ['+111111111', 'US.NEWER'],
    });
  });

  it('writes nothing for a re-delivery or a change older than the detachment recorded', () => {
    expect(planIdentifierChange(change(), [member('+111111111', at)])).toEqual({ detach: [], join: [], clear: [] });
    expect(planIdentifierChange(change(), [member('+111111111', new Date(at.getTime() + 1000))])).toEqual({ detach: [], join: [], clear: [] });
  });

  it('a later change of a number that was detached before (the number came back and left again) detaches it again', () => {
    expect(planIdentifierChange(change(), [member('+111111111', new Date(at.getTime() - 1000))]).detach).toEqual([{ identifier: '+111111111', kind: 'phone' }]);
  });

  it('writes nothing when Meta names no readable identifier', () => {
    expect(planIdentifierChange(change({ from: 'x' }), [])).toEqual({ detach: [], join: [], clear: [] });
    expect(planIdentifierChange(change({ to: ['nope'] }), [])).toEqual({ detach: [], join: [], clear: [] });
  });
});
