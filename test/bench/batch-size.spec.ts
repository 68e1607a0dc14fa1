import { largestFitting } from './batch-size.js';

describe('largestFitting', () => {
  const upTo = (limit: number) => {
    const asked: number[] = [];
    return { asked, fits: async (n: number) => (asked.push(n), n <= limit) };
  };

  it.each([
    [1, 100, 10_000],
    [37, 100, 10_000],
    [100, 100, 10_000],
    [101, 100, 10_000],
    [4_321, 100, 10_000],
    [10_000, 100, 10_000],
    [50_000, 100, 10_000],
    [5, 1, 8],
  ])('finds %i (start %i, max %i)', async (limit, start, max) => {
    const { asked, fits } = upTo(limit);
    expect(await largestFitting(fits, start, max)).toBe(Math.min(limit, max));
    expect(asked.every((n) => n >= 1 && n <= max)).toBe(true);
    expect(asked.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(max)) + 2);
  });

  it('is 0 when nothing fits, or when max is 0', async () => {
    expect(await largestFitting(async () => false, 100, 10_000)).toBe(0);
    expect(await largestFitting(async () => true, 1, 0)).toBe(0);
  });
});
