import { firstCoveringTime } from './covering.js';

describe('firstCoveringTime', () => {
  const seen = [
    { t: 10, size: 0n },
    { t: 20, size: 5n },
    { t: 35, size: 6n },
    { t: 50, size: 100n },
  ];

  it('is the time of the first size above the seq', () => {
    expect(firstCoveringTime(seen, 0n)).toBe(20);
    expect(firstCoveringTime(seen, 4n)).toBe(20);
    expect(firstCoveringTime(seen, 5n)).toBe(35);
    expect(firstCoveringTime(seen, 6n)).toBe(50);
    expect(firstCoveringTime(seen, 99n)).toBe(50);
  });

  it('is undefined for an entry nothing covers yet', () => {
    expect(firstCoveringTime(seen, 100n)).toBeUndefined();
    expect(firstCoveringTime([], 0n)).toBeUndefined();
  });
});
