import { compareDelivery, DELIVERY_STATUSES, deliveryMovesTo, deliveryRank, deliveryRankSql, furthestDelivery } from './delivery-status.js';

const ORDER = ['sent', 'delivered', 'read', 'failed'] as const;
const NOT_STATUSES = [null, undefined, '', 'SENT', 'deleted', 'warning', 'pending'];

describe('delivery-status order', () => {
  it('is sent, delivered, read, then failed (terminal)', () => {
    expect(DELIVERY_STATUSES).toEqual(ORDER);
    expect(ORDER.map(deliveryRank)).toEqual([1, 2, 3, 4]);
  });

  it('ranks anything that is not a delivery status (or none yet) below all of them', () => {
    for (const s of NOT_STATUSES) expect(deliveryRank(s)).toBe(0);
  });

  it('moves only forward, for every pair of states', () => {
    const from = [null, ...ORDER];
    for (const current of from) {
      for (const next of ORDER) {
        expect([current, next, deliveryMovesTo(current, next)]).toEqual([
          current,
          next,
          ORDER.indexOf(next) > (current === null ? -1 : ORDER.indexOf(current)),
        ]);
      }
    }
  });

  it('never leaves failed, and never moves to what is not a status', () => {
    for (const next of ORDER) expect(deliveryMovesTo('failed', next)).toBe(false);
    for (const current of [null, ...ORDER]) expect(deliveryMovesTo(current, 'deleted')).toBe(false);
  });

  it('finds the furthest of some statuses, whatever their order and repeats', () => {
    expect(furthestDelivery([])).toBeNull();
    expect(furthestDelivery(['deleted'])).toBeNull();
    expect(furthestDelivery(['read', 'sent', 'delivered'])).toBe('read');
    expect(furthestDelivery(['sent', 'sent'])).toBe('sent');
    expect(furthestDelivery(['failed', 'read'])).toBe('failed');
    expect(furthestDelivery(['deleted', 'delivered'])).toBe('delivered');
  });

  it('sorts by the order, unknown first', () => {
    expect(['failed', 'read', 'x', 'sent', 'delivered'].sort(compareDelivery)).toEqual(['x', 'sent', 'delivered', 'read', 'failed']);
  });

  it('writes the same ranks in SQL', () => {
    expect(deliveryRankSql('k.status')).toBe("CASE k.status WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 4 ELSE 0 END");
    expect(deliveryRankSql('delivery_status')).toContain('CASE delivery_status ');
  });

  it('splices only a plain column reference into SQL', () => {
    for (const bad of ["x.status'", 'status; DROP TABLE x', 'a.b.c', 'Status', '']) expect(() => deliveryRankSql(bad)).toThrow(/column/);
  });
});
