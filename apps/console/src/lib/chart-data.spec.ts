import type { OverviewDay } from '../api/types.js';
import { anchoringHealth, outcomeRows, pricingRows, refusalReasons, totals } from './chart-data.js';

const perDay: OverviewDay[] = [
  { day: '2026-12-02', sent: 3, delivered: 2, read: 1, failed: 0, refused: { OPTED_OUT: 1 } },
  { day: '2026-12-01', sent: 5, delivered: 4, read: 2, failed: 1, refused: { NO_MARKETING_CONSENT: 2, OPTED_OUT: 1 } },
  { day: '2026-12-03', sent: 0, delivered: 0, read: 0, failed: 0, pending: 2, refused: { NO_BINDING: 0 } },
];

describe('overview chart data', () => {
  it('lists refusal reasons by frequency, dropping zeros', () => {
    expect(refusalReasons(perDay)).toEqual(['NO_MARKETING_CONSENT', 'OPTED_OUT']);
    expect(refusalReasons([])).toEqual([]);
  });

  it('shapes one row per day in order, a column per outcome and per reason', () => {
    expect(outcomeRows(perDay)).toEqual([
      { day: '2026-12-01', pending: 0, sent: 5, delivered: 4, read: 2, failed: 1, 'refused:NO_MARKETING_CONSENT': 2, 'refused:OPTED_OUT': 1 },
      { day: '2026-12-02', pending: 0, sent: 3, delivered: 2, read: 1, failed: 0, 'refused:NO_MARKETING_CONSENT': 0, 'refused:OPTED_OUT': 1 },
      { day: '2026-12-03', pending: 2, sent: 0, delivered: 0, read: 0, failed: 0, 'refused:NO_MARKETING_CONSENT': 0, 'refused:OPTED_OUT': 0 },
    ]);
  });

  it('pivots pricing categories per day, zero-filled and summed', () => {
    expect(
      pricingRows([
        { day: '2026-12-02', category: 'utility', n: 2 },
        { day: '2026-12-01', category: 'marketing', n: 1 },
        { day: '2026-12-01', category: 'utility', n: 3 },
        { day: '2026-12-01', category: 'utility', n: 1 },
      ]),
    ).toEqual({
      categories: ['marketing', 'utility'],
      rows: [
        { day: '2026-12-01', marketing: 1, utility: 4 },
        { day: '2026-12-02', marketing: 0, utility: 2 },
      ],
    });
    expect(pricingRows([])).toEqual({ categories: [], rows: [] });
  });

  it('judges anchoring health by the age of the unanchored tail', () => {
    const base = { latestAnchoredSize: 10, latestBlock: 7, ledgerSize: 10, lagEntries: 0, lagSeconds: 0 };
    expect(anchoringHealth(base)).toBe('healthy');
    expect(anchoringHealth({ ...base, ledgerSize: 12, lagEntries: 2, lagSeconds: 30 })).toBe('healthy');
    expect(anchoringHealth({ ...base, ledgerSize: 12, lagEntries: 2, lagSeconds: 3600 })).toBe('lagging');
    expect(anchoringHealth({ ...base, ledgerSize: 12, lagEntries: 2, lagSeconds: null })).toBe('lagging');
    expect(anchoringHealth({ latestAnchoredSize: null, latestBlock: null, ledgerSize: 0, lagEntries: 0, lagSeconds: null })).toBe('healthy');
    expect(anchoringHealth({ latestAnchoredSize: null, latestBlock: null, ledgerSize: 3, lagEntries: 3, lagSeconds: 10 })).toBe('notAnchored');
  });

  it('totals the period', () => {
    expect(totals(perDay)).toEqual({ pending: 2, sent: 8, delivered: 6, read: 3, failed: 1, refused: 4 });
  });
});
