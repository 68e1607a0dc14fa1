import { TONES, whiteContrast } from './tones.js';

describe('badge tones', () => {
  it.each(Object.entries(TONES))('%s keeps white text at AA contrast', (_name, hex) => {
    expect(whiteContrast(hex)).toBeGreaterThanOrEqual(4.5);
  });

  it('computes contrast as WCAG does', () => {
    expect(whiteContrast('#000000')).toBeCloseTo(21, 5);
    expect(whiteContrast('#ffffff')).toBeCloseTo(1, 5);
  });
});
