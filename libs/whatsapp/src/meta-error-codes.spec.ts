import { META_ERROR_CODES, META_ERROR_CODES_URL, metaErrorCode, unclassifiedErrorCounts } from './meta-error-codes.js';

describe('META_ERROR_CODES', () => {
  it('lists each code once', () => {
    const codes = META_ERROR_CODES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("cites a section of Meta's page for every code", () => {
    expect(META_ERROR_CODES_URL).toMatch(/^https:\/\/developers\.facebook\.com\/.*error-codes/);
    for (const r of META_ERROR_CODES) expect(r.source).toMatch(/\S/);
  });

  it("classes Meta's throttling section as throttling, with a hint only where Meta implies a delay", () => {
    const throttling = META_ERROR_CODES.filter((r) => r.class === 'throttling');
    expect(throttling.map((r) => r.code).sort((a, b) => a - b)).toEqual([4, 80007, 80008, 130429, 131048, 131056, 131064, 133016]);
    expect(META_ERROR_CODES.filter((r) => r.retryAfterMs !== undefined).map((r) => [r.code, r.retryAfterMs])).toEqual([
      [130429, 1_000],
      [131056, 6_000],
      [133015, 300_000],
    ]);
    for (const r of META_ERROR_CODES.filter((x) => x.source.startsWith('Throttling'))) expect(r.class).toBe('throttling');
  });

  it('classes Meta-side trouble as transient', () => {
    expect(
      META_ERROR_CODES.filter((r) => r.class === 'transient')
        .map((r) => r.code)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 131000, 131016, 131057, 133004, 133015]);
  });

  it('finds a code, the 200–299 permission range, and nothing else', () => {
    expect(metaErrorCode(131048)).toMatchObject({ class: 'throttling' });
    expect(metaErrorCode(231)).toMatchObject({ code: 231, class: 'permanent' });
    expect(metaErrorCode(999_999)).toBeNull();
    expect(metaErrorCode(null)).toBeNull();
  });
});

describe('unclassifiedErrorCounts', () => {
  it('sums the attempts of unknown codes over outcomes, leaving known codes and attempts without a code out', () => {
    const counts = unclassifiedErrorCounts([
      { errorCode: '', count: 10 },
      { errorCode: '131048', count: 2 },
      { errorCode: '987654', count: 1 },
      { errorCode: '987654', count: 3 },
      { errorCode: '4242', count: 1 },
      { errorCode: '210', count: 5 },
    ]);
    expect([...counts]).toEqual([
      ['987654', 4],
      ['4242', 1],
    ]);
  });
});
