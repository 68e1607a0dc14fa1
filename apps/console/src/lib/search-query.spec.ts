import { dayBoundary, filtersToApiQuery, filtersToSearch, searchToFilters } from './search-query.js';

describe('the Messages search query', () => {
  it('leaves out empty and blank fields and trims the rest', () => {
    expect(filtersToSearch({ phone: ' +39 333 ', reference: '', template: '   ', outcome: 'refused' })).toBe('?phone=%2B39+333&outcome=refused');
    expect(filtersToSearch({})).toBe('');
  });

  it('round-trips through the page URL and ignores unknown parameters', () => {
    const filters = {
      phone: '+393331234567',
      reference: 'ORD-1',
      eventId: 'e 1',
      template: 'order_status_update',
      outcome: 'failed',
      reason: 'NO_MARKETING_CONSENT',
      from: '2026-12-01',
      to: '2026-12-02',
    };
    expect(searchToFilters(filtersToSearch(filters))).toEqual(filters);
    expect(searchToFilters('?x=1&phone=&reference=ORD')).toEqual({ reference: 'ORD' });
  });

  it('turns a day range into instants of the staff time zone, end of day inclusive', () => {
    expect(dayBoundary('2026-12-01', 'start', 0)).toBe('2026-12-01T00:00:00.000Z');
    expect(dayBoundary('2026-12-01', 'end', 0)).toBe('2026-12-01T23:59:59.999Z');
    // Rome in winter is UTC+1: getTimezoneOffset is -60.
    expect(dayBoundary('2026-12-01', 'start', -60)).toBe('2026-11-30T23:00:00.000Z');
    expect(dayBoundary('2026-07-01', 'end', -120)).toBe('2026-07-01T21:59:59.999Z');
  });

  it('builds the api query with cursor and limit, passing non-day dates through', () => {
    expect(filtersToApiQuery({ from: '2026-12-01', to: '2026-12-01', outcome: 'read' }, { cursor: 'abc', limit: 50, offsetMinutes: () => -60 })).toBe(
      '?outcome=read&from=2026-11-30T23%3A00%3A00.000Z&to=2026-12-01T22%3A59%3A59.999Z&cursor=abc&limit=50',
    );
    expect(filtersToApiQuery({ from: '2026-12-01T10:00:00Z' })).toBe('?from=2026-12-01T10%3A00%3A00Z');
    expect(filtersToApiQuery({})).toBe('');
  });
});
