import { bsuidOf, BSUID, resolveWaId, sendContact } from './user-ids.js';

describe('simulated user ids', () => {
  it('resolves a Brazilian mobile dialled without the 9th digit to the 9-digit wa_id', () => {
    expect(resolveWaId('551187654321')).toBe('5511987654321');
    expect(resolveWaId('5511987654321')).toBe('5511987654321');
    // Outside area codes 11–28 the account kept its 8-digit wa_id.
    expect(resolveWaId('5531987654321')).toBe('553187654321');
    expect(resolveWaId('553187654321')).toBe('553187654321');
    // A landline (starts 2–5) keeps 8 digits; other countries are left alone.
    expect(resolveWaId('551132654321')).toBe('551132654321');
    expect(resolveWaId('393331234567')).toBe('393331234567');
  });

  it('resolves a Mexican number dialled as 52 + 10 digits to the wa_id with the old mobile 1', () => {
    expect(resolveWaId('525512345678')).toBe('5215512345678');
    expect(resolveWaId('5215512345678')).toBe('5215512345678');
    expect(bsuidOf(resolveWaId('525512345678'))).toMatch(/^MX\./);
  });

  it('gives each resolved number one stable BSUID with its country', () => {
    expect(bsuidOf('5511987654321')).toMatch(/^BR\.[0-9]+$/);
    expect(bsuidOf('393331234567')).toMatch(/^IT\./);
    expect(bsuidOf('393331234567')).toBe(bsuidOf('393331234567'));
    expect(BSUID.test(bsuidOf('861234567890'))).toBe(true);
  });

  it('answers contacts as Meta does: input, resolved wa_id and user_id; by BSUID, no wa_id', () => {
    expect(sendContact('551187654321', false)).toEqual({ input: '551187654321', wa_id: '5511987654321', user_id: bsuidOf('5511987654321') });
    expect(sendContact('BR.123', true)).toEqual({ input: 'BR.123', user_id: 'BR.123' });
  });
});
