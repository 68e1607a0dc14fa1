// Badge backgrounds that keep white text at WCAG AA contrast (>= 4.5:1) for small bold text:
// Mantine's green, orange and yellow shades are too light for it, even at shade 9.
export const TONES = {
  gray: '#495057',
  blue: '#1864ab',
  teal: '#087f5b',
  green: '#2b6e36',
  red: '#c92a2a',
  orange: '#a34700',
  yellow: '#7a5a00',
  violet: '#5f3dc4',
} as const;

export type Tone = keyof typeof TONES;

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of white text on the colour. */
export function whiteContrast(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}
