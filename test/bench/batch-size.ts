/**
 * The largest n in [1, max] for which `fits(n)` holds, assuming it holds for every smaller n (a
 * batch that fits the block gas limit still fits with fewer items): doubling from `start`, then a
 * binary search, so a few dozen eth_estimateGas calls at most. 0 when not even one fits.
 */
export async function largestFitting(fits: (n: number) => Promise<boolean>, start: number, max: number): Promise<number> {
  if (max < 1) return 0;
  let lo = 0; // fits (or 0)
  let hi = max + 1; // does not fit (or beyond max)
  for (let n = Math.min(Math.max(1, start), max); n <= max; n = Math.min(n * 2, max + 1)) {
    if (!(await fits(n))) {
      hi = n;
      break;
    }
    lo = n;
    if (n === max) break;
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (await fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
