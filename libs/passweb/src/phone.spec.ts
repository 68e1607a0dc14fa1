import { normalizePhone, normalizeWhatsAppUser, toWhatsAppDigits } from './phone.js';

describe('normalizePhone', () => {
  it.each([
    ['+39 333 123 4567', '+393331234567'],
    ['+393331234567', '+393331234567'],
    ['0039 333 1234567', '+393331234567'],
    ['333 1234567', '+393331234567'],
    ['3331234567', '+393331234567'],
    ['(+39) 333-123.4567', '+393331234567'],
    ['  +39 333 1234567\n', '+393331234567'],
    ['+44 7911 123456', '+447911123456'],
    ['00 44 7911 123456', '+447911123456'],
    ['+1 202 555 0143', '+12025550143'],
  ])('accepts %j as %s with default country IT', (input, e164) => {
    expect(normalizePhone(input, 'IT')).toEqual({ ok: true, e164 });
  });

  it('accepts landlines: WhatsApp accounts are not only on mobiles', () => {
    expect(normalizePhone('06 1234 5678', 'IT')).toEqual({ ok: true, e164: '+390612345678' });
  });

  it('reads a national number in the default country given', () => {
    expect(normalizePhone('07911 123456', 'GB')).toEqual({ ok: true, e164: '+447911123456' });
  });

  it.each([
    ['', 'is empty'],
    ['   ', 'is empty'],
    ['abc', 'may contain'],
    ['call +39 333 1234567', 'may contain'],
    ['+39 333 1234567 ext 12', 'may contain'],
    ['1-800-FLOWERS', 'may contain'],
    ['+39 333\n1234567', 'may contain'],
    ['++39 333 1234567', 'may contain'],
    ['12', 'wrong number of digits'],
    ['+39 333 123 4567 8888 8888', undefined],
    ['+39 0000000000', 'not a valid number'],
    ['+0 123 4567', undefined],
    ['+', undefined],
    ['1'.repeat(65), 'longer than 64'],
  ])('rejects %j', (input, reason) => {
    const result = normalizePhone(input, 'IT');
    expect(result.ok).toBe(false);
    if (!result.ok && reason !== undefined) expect(result.reason).toContain(reason);
  });

  it('never repeats the number in its reason', () => {
    for (const input of ['+39 0000000000', '12', 'abc 333', '+39 333 123 4567 8888 8888']) {
      const result = normalizePhone(input, 'IT');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).not.toMatch(/[0-9]{3}/);
    }
  });
});

describe('normalizeWhatsAppUser', () => {
  it.each([
    ['+39 333 123 4567', '+393331234567'],
    ['333 123 4567', '+393331234567'],
    ['IT.1502576394655843', 'IT.1502576394655843'],
    [' US.ENT.13491208655302741918 ', 'US.ENT.13491208655302741918'],
  ])('takes %j as %j', (input, expected) => {
    expect(normalizeWhatsAppUser(input, 'IT')).toEqual({ ok: true, e164: expected });
  });

  it.each(['it.1502576394655843', 'IT.', 'IT1502576394655843', `IT.${'a'.repeat(129)}`, 'IT.15025-76', '+39 0000000000', ''])(
    'refuses %j, naming both forms and not the input',
    (input) => {
      const result = normalizeWhatsAppUser(input, 'IT');
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason).toContain('nor is it a business-scoped user id');
        if (input.length > 3) expect(result.reason).not.toContain(input.trim());
      }
    },
  );
});

describe('toWhatsAppDigits', () => {
  it('drops the plus', () => {
    expect(toWhatsAppDigits('+393331234567')).toBe('393331234567');
  });

  it.each(['393331234567', '+39 333 1234567', '+0123456789', ''])('refuses %j, which is not E.164', (input) => {
    expect(() => toWhatsAppDigits(input)).toThrow('E.164');
  });
});
