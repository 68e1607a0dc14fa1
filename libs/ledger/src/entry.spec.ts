import { createHash } from 'node:crypto';
import { canonicalEntry, commitmentLeafHash, entryLeafHash, LedgerEntry, newSalts, SALT_BYTES } from './entry.js';

const entry: LedgerEntry = {
  seq: 7n,
  type: 'message.submitted',
  occurredAt: new Date('2026-11-21T10:00:00.123Z'),
  recordedAt: new Date('2026-11-21T10:00:01.000Z'),
  body: { z: 1, a: { phone: '+393331234567', n: 1e21 }, emoji: '€' },
};

describe('canonicalEntry', () => {
  it('is RFC 8785: sorted keys, no whitespace, ES number form, ISO dates with ms', () => {
    expect(canonicalEntry(entry)).toBe(
      '{"body":{"a":{"n":1e+21,"phone":"+393331234567"},"emoji":"€","z":1},"occurredAt":"2026-11-21T10:00:00.123Z","recordedAt":"2026-11-21T10:00:01.000Z","seq":7,"type":"message.submitted"}',
    );
  });

  it('does not depend on key insertion order', () => {
    const reordered = { ...entry, body: { emoji: '€', a: { n: 1e21, phone: '+393331234567' }, z: 1 } };
    expect(canonicalEntry(reordered)).toBe(canonicalEntry(entry));
  });

  it('refuses a seq that JSON numbers cannot carry exactly', () => {
    expect(() => canonicalEntry({ ...entry, seq: 2n ** 53n })).toThrow(RangeError);
  });
});

describe('commitment', () => {
  it('leaf = SHA-256(0x00 || salt || canonical UTF-8)', () => {
    const salt = new Uint8Array(SALT_BYTES).fill(0xab);
    const canonical = canonicalEntry(entry);
    const expected = createHash('sha256')
      .update(Buffer.from([0]))
      .update(salt)
      .update(Buffer.from(canonical, 'utf8'))
      .digest();
    expect(Buffer.from(commitmentLeafHash(salt, canonical))).toEqual(expected);
    expect(Buffer.from(entryLeafHash(entry, salt))).toEqual(expected);
  });

  it('differs for another salt, so the same content gives unlinkable leaves', () => {
    const [a, b] = newSalts(2);
    expect(Buffer.from(entryLeafHash(entry, a))).not.toEqual(Buffer.from(entryLeafHash(entry, b)));
  });

  it('draws distinct 32-byte salts in bulk', () => {
    const salts = newSalts(100);
    expect(salts.every((s) => s.length === SALT_BYTES)).toBe(true);
    expect(new Set(salts.map((s) => Buffer.from(s).toString('hex'))).size).toBe(100);
  });

  it('refuses a salt of the wrong length', () => {
    expect(() => commitmentLeafHash(new Uint8Array(16), '{}')).toThrow(RangeError);
  });
});
