import { isBsuid, normalizeIdentifier, planIdentityLinks } from './identity-links.js';

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
    const plan = planIdentityLinks([['+111111111', 'US.1'], ['+222222222', 'US.2']], new Map(), ids());
    expect(plan.assign.map((a) => a.personId)).toEqual(['p1', 'p1', 'p2', 'p2']);
  });
});
