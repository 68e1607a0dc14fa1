import { concatBytes, equalBytes, fromBase64, fromHex, toBase64, toHex } from './bytes.js';

describe('hex', () => {
  it('round-trips every byte value, lower-case', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const hex = toHex(all);
    expect(hex).toMatch(/^[0-9a-f]{512}$/);
    expect(hex.slice(0, 8)).toBe('00010203');
    expect(fromHex(hex)).toEqual(all);
  });

  it('encodes only the viewed bytes of a subarray', () => {
    const view = Uint8Array.of(1, 2, 3, 4, 5).subarray(1, 3);
    expect(toHex(view)).toBe('0203');
  });

  it('accepts an optional 0x/0X prefix and either case', () => {
    expect(fromHex('0xABcd')).toEqual(Uint8Array.of(0xab, 0xcd));
    expect(fromHex('0XabCD')).toEqual(Uint8Array.of(0xab, 0xcd));
    expect(fromHex('')).toEqual(new Uint8Array(0));
    expect(fromHex('0x')).toEqual(new Uint8Array(0));
  });

  it('returns a plain Uint8Array, not a Buffer', () => {
    expect(Object.getPrototypeOf(fromHex('00'))).toBe(Uint8Array.prototype);
  });

  it.each(['0', 'abc', '0x1', 'zz', '0g', ' 00', '00 ', '0x0x00', '-1', 'x0'])('rejects %p', (text) => {
    expect(() => fromHex(text)).toThrow(SyntaxError);
  });

  it('rejects non-strings with TypeError', () => {
    expect(() => fromHex(12 as unknown as string)).toThrow(TypeError);
    expect(() => fromHex(undefined as unknown as string)).toThrow(TypeError);
  });
});

describe('base64', () => {
  it('round-trips lengths 0..40 and matches RFC 4648 §10 vectors', () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(toBase64(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(fromBase64(encoded))).toBe(plain);
    }
  });

  it('uses the standard alphabet', () => {
    expect(toBase64(Uint8Array.of(0xfb, 0xff))).toBe('+/8=');
  });

  it.each(['Zg', 'Zm8', 'Zg=', 'Zg===', '-_8=', 'Zm9v\n', ' Zm9v', 'Zm9v!', 'QR==', 'Zm9=', '=Zg='])('rejects non-canonical %p', (text) => {
    expect(() => fromBase64(text)).toThrow(SyntaxError);
  });

  it('rejects non-strings with TypeError', () => {
    expect(() => fromBase64(null as unknown as string)).toThrow(TypeError);
  });
});

describe('equalBytes', () => {
  it('compares contents and lengths', () => {
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
    expect(equalBytes(new Uint8Array(0), new Uint8Array(0))).toBe(true);
    expect(equalBytes(Buffer.from([7]), Uint8Array.of(7))).toBe(true);
  });
});

describe('concatBytes', () => {
  it('concatenates in order into a fresh array', () => {
    const a = Uint8Array.of(1);
    const out = concatBytes(a, new Uint8Array(0), Uint8Array.of(2, 3));
    expect(out).toEqual(Uint8Array.of(1, 2, 3));
    out[0] = 9;
    expect(a[0]).toBe(1);
    expect(concatBytes()).toEqual(new Uint8Array(0));
  });
});
