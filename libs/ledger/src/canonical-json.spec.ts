import canonicalize from 'canonicalize';
import { canonicalJson, canonicalString } from './canonical-json.js';

// The package is the reference: every value must come out byte for byte as it writes it.
function same(value: unknown): void {
  expect(canonicalJson(value)).toBe(canonicalize(value));
}

/** A deterministic generator of JSON-like values, with the odd cases mixed in. */
function randomValue(seed: { n: number }, depth: number): unknown {
  const r = () => (seed.n = (seed.n * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = Math.floor(r() * (depth > 3 ? 6 : 9));
  const strings = ['', 'a', 'é', '€', '😀', '\u0000\u001f"\\/\b\f\n\r\t', '\u2028\u2029', 'Ä', 'z', 'aa', '10', '1', 'B', '\ud83d\ude00x'];
  const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789012345680000, 5e-324, 1.7976931348623157e308, 333333333.33333329, 4.5, 2 ** 53, -1e-7];
  switch (pick) {
    case 0:
      return strings[Math.floor(r() * strings.length)];
    case 1:
      return numbers[Math.floor(r() * numbers.length)];
    case 2:
      return r() < 0.5;
    case 3:
      return null;
    case 4:
      return Math.floor(r() * 1e6) / 100;
    case 5:
      return `s${Math.floor(r() * 1e9).toString(36)}`;
    case 6:
      return Array.from({ length: Math.floor(r() * 5) }, () => randomValue(seed, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 6); i > 0; i--) o[strings[Math.floor(r() * strings.length)] + (r() < 0.5 ? String(i) : '')] = randomValue(seed, depth + 1);
      return o;
    }
  }
}

describe('canonicalJson', () => {
  it('writes 5,000 generated values exactly as the canonicalize package', () => {
    const seed = { n: 42 };
    for (let i = 0; i < 5_000; i++) same(randomValue(seed, 0));
  });

  it('follows RFC 8785: key order by UTF-16 code unit, ES number form, minimal escapes', () => {
    expect(
      canonicalJson({
        '\u20ac': 'Euro Sign',
        '\r': 'Carriage Return',
        '\ufb33': 'Hebrew Letter Dalet With Dagesh',
        '1': 'One',
        '\ud83d\ude00': 'Emoji: Grinning Face',
        '\u0080': 'Control',
        '\u00f6': 'Latin Small Letter O With Diaeresis',
      }),
    ).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    expect(canonicalJson({ numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001], literals: [null, true, false] })).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}',
    );
  });

  it('leaves what is not plain JSON data to the package, with the same text or the same error', () => {
    same({ a: undefined, b: 1 });
    same([1, undefined, () => 1]);
    same({ when: new Date('2026-11-21T10:00:00Z') });
    same({ boxed: [new Number(1), new String('s'), new Boolean(false)] });
    same({ custom: { toJSON: () => ({ z: 1, a: 2 }) } });
    same(Object.assign(Object.create(null), { b: 1, a: 2 }));
    let deep: unknown = 'bottom';
    for (let i = 0; i < 200; i++) deep = { d: [deep] };
    same(deep);
    expect(() => canonicalJson({ n: NaN })).toThrow('NaN is not allowed');
    expect(() => canonicalJson([Infinity])).toThrow('Infinity is not allowed');
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });

  it('refuses lone surrogates in values and keys, as the package does', () => {
    expect(() => canonicalJson({ a: '\ud800' })).toThrow('Lone surrogate is not allowed');
    expect(() => canonicalJson({ '\udc00': 1 })).toThrow('Lone surrogate is not allowed');
    expect(() => canonicalize({ '\udc00': 1 })).toThrow('Lone surrogate is not allowed');
    expect(canonicalString('ok "quoted"')).toBe('"ok \\"quoted\\""');
  });
});
