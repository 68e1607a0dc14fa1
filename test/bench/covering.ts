/**
 * When a log entry was first covered: `seen` lists what latest() answered, in time order with
 * strictly growing sizes; an entry at `seq` is covered by the first size above it.
 */
export function firstCoveringTime(seen: readonly { t: number; size: bigint }[], seq: bigint): number | undefined {
  let lo = 0;
  let hi = seen.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (seen[mid].size > seq) hi = mid;
    else lo = mid + 1;
  }
  return lo < seen.length ? seen[lo].t : undefined;
}
