import { decodeCursor, DEFAULT_LIMIT, encodeCursor, maskPhone, MAX_LIMIT, parseMessageFilters } from './message-filters.js';

const ID = '0b6c2a9e-57d4-4f4e-8c1e-2f0a5b7d9c31';

describe('the message list filters', () => {
  it('has defaults without any filter', () => {
    expect(parseMessageFilters({})).toEqual({ ok: true, value: { limit: DEFAULT_LIMIT } });
    expect(parseMessageFilters({ tenant: 'x', q: '', phone: '  ' })).toEqual({ ok: true, value: { limit: DEFAULT_LIMIT } });
  });

  it('takes every filter of the contract, trimmed', () => {
    const cursor = encodeCursor({ createdAt: new Date('2026-12-01T10:00:00.000Z'), id: ID });
    expect(
      parseMessageFilters({
        q: ' ORD-1 ',
        phone: '333 123 4567',
        reference: 'ORD-1',
        eventId: 'evt-1',
        template: 'order_status_update',
        outcome: 'refused',
        reason: 'NO_MARKETING_CONSENT',
        from: '2026-12-01',
        to: '2026-12-02T10:00:00Z',
        cursor,
        limit: '20',
      }),
    ).toEqual({
      ok: true,
      value: {
        q: 'ORD-1',
        phone: '333 123 4567',
        reference: 'ORD-1',
        eventId: 'evt-1',
        template: 'order_status_update',
        outcome: 'refused',
        reason: 'NO_MARKETING_CONSENT',
        from: new Date('2026-12-01T00:00:00.000Z'),
        to: new Date('2026-12-02T10:00:00.000Z'),
        cursor: { createdAt: new Date('2026-12-01T10:00:00.000Z'), id: ID },
        limit: 20,
      },
    });
  });

  it('reads a date-only `to` as the whole of that day', () => {
    expect(parseMessageFilters({ to: '2026-12-02' })).toMatchObject({ ok: true, value: { to: new Date('2026-12-03T00:00:00.000Z') } });
  });

  it('names every bad parameter', () => {
    const parsed = parseMessageFilters({
      outcome: 'lost',
      limit: String(MAX_LIMIT + 1),
      from: 'yesterday',
      to: '2026-13-40',
      cursor: 'bad!',
      colour: 'red',
      q: ['a', 'b'],
      reference: 'x'.repeat(201),
    });
    expect(parsed).toEqual({
      ok: false,
      errors: [
        { field: 'colour', message: 'is not a filter of the message list' },
        { field: 'q', message: 'must be given once' },
        { field: 'reference', message: 'must be at most 200 characters' },
        { field: 'outcome', message: 'must be one of pending, sent, delivered, read, failed, refused' },
        { field: 'from', message: 'must be an ISO 8601 date or instant (2026-12-01 or 2026-12-01T09:30:00Z)' },
        { field: 'to', message: 'must be an ISO 8601 date or instant (2026-12-01 or 2026-12-01T09:30:00Z)' },
        { field: 'limit', message: `must be an integer from 1 to ${MAX_LIMIT}` },
        { field: 'cursor', message: 'is not a cursor this list gave' },
      ],
    });
    for (const limit of ['0', '-1', '1.5', 'ten']) expect(parseMessageFilters({ limit })).toMatchObject({ ok: false, errors: [{ field: 'limit' }] });
  });

  it('wants `to` after `from`', () => {
    expect(parseMessageFilters({ from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' })).toEqual({
      ok: false,
      errors: [{ field: 'to', message: 'must be after from' }],
    });
  });
});

describe('the list cursor', () => {
  it('round-trips', () => {
    const c = { createdAt: new Date('2026-12-01T10:00:00.123Z'), id: ID };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it('refuses anything it did not write', () => {
    const enc = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of [
      '',
      '!!!',
      enc('2026-12-01T10:00:00.000Z'),
      enc(`2026-12-01|${ID}`),
      enc(`2026-12-01T10:00:00.000Z|not-a-uuid`),
      enc(`2026-12-01T10:00:00.000Z|${ID}|x`),
      enc(`2026-02-31T99:00:00.000Z|${ID}`),
    ]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});

describe('a masked phone', () => {
  it('keeps the country code and the last three digits', () => {
    expect(maskPhone('+393331234567')).toBe('+39 ••• 567');
    expect(maskPhone('+14155550123')).toBe('+1 ••• 123');
    expect(maskPhone('+4930123456')).toBe('+49 ••• 456');
  });

  it('masks a BSUID too, and keeps null', () => {
    expect(maskPhone('IT.1502576394655843')).toBe('IT.•••843');
    expect(maskPhone('US.1')).toBe('•••');
    expect(maskPhone(null)).toBeNull();
  });
});
