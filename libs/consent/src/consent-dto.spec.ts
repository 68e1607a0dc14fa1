import { checkEvidence, EARLIEST_OCCURRED_AT, MAX_EVIDENCE_KEYS, validateConsentBody, type ConsentValidation } from './consent-dto.js';
import type { FieldError } from '#sigillo/passweb';

const NOW = new Date('2025-07-01T10:00:00Z');
const PHONE_DIGITS = /333\s?123\s?4567|3331234567/;

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'cons-0001',
    phone: '+39 333 123 4567',
    category: 'marketing',
    action: 'opt_in',
    source: 'checkout-form',
    evidence: { form: 'checkout', textVersion: 'privacy-v3', channel: 'web', ipHash: 'sha256:ab12' },
    occurredAt: '2025-07-01T09:30:00+02:00',
    ...overrides,
  };
}

function without(key: string, input = body()): Record<string, unknown> {
  const copy = { ...input };
  delete copy[key];
  return copy;
}

function validate(input: unknown): ConsentValidation {
  return validateConsentBody(input, { defaultCountry: 'IT', now: NOW });
}

function errorsOf(input: unknown): FieldError[] {
  const result = validate(input);
  if (result.ok) throw new Error('expected the body to be refused');
  expect(result.status).toBe(400);
  return result.errors;
}

function fieldsOf(input: unknown): string[] {
  return errorsOf(input)
    .map((e) => e.field)
    .sort();
}

describe('validateConsentBody: a valid body', () => {
  it('comes out in plain values with the phone in E.164', () => {
    expect(validate(body())).toEqual({
      ok: true,
      consent: {
        id: 'cons-0001',
        subject: { phone: '+393331234567' },
        category: 'marketing',
        action: 'opt_in',
        source: 'checkout-form',
        evidence: { form: 'checkout', textVersion: 'privacy-v3', channel: 'web', ipHash: 'sha256:ab12' },
        occurredAt: new Date('2025-07-01T07:30:00Z'),
      },
    });
  });

  it('reads a national number in the tenant default country', () => {
    const result = validateConsentBody(body({ phone: '333 1234567' }), { defaultCountry: 'IT', now: NOW });
    expect(result.ok && result.consent.subject).toEqual({ phone: '+393331234567' });
    const uk = validateConsentBody(body({ phone: '07400 123456' }), { defaultCountry: 'GB', now: NOW });
    expect(uk.ok && uk.consent.subject).toEqual({ phone: '+447400123456' });
  });

  it('takes the business-scoped user id of a user known by no number as the phone, as Meta writes it', () => {
    const result = validate(body({ phone: 'IT.1502576394655843' }));
    expect(result.ok && result.consent.subject).toEqual({ phone: 'IT.1502576394655843' });
    expect(errorsOf(body({ phone: 'it.1502576394655843' }))).toEqual([
      { field: 'phone', message: expect.stringContaining('nor is it a business-scoped user id') },
    ]);
  });

  it('takes a userId instead of a phone', () => {
    const result = validate(body({ phone: undefined, userId: 'user-42' }));
    expect(result.ok && result.consent.subject).toEqual({ userId: 'user-42' });
    const nullPhone = validate(body({ phone: null, userId: 'user-42' }));
    expect(nullPhone.ok && nullPhone.consent.subject).toEqual({ userId: 'user-42' });
  });

  it.each(['marketing', 'utility', 'authentication', 'all'])('accepts category %s', (category) => {
    expect(validate(body({ category })).ok).toBe(true);
  });

  it.each(['opt_in', 'opt_out'])('accepts action %s', (action) => {
    expect(validate(body({ action })).ok).toBe(true);
  });

  it('accepts an empty evidence object and free evidence keys', () => {
    expect(validate(body({ evidence: {} })).ok).toBe(true);
    const free = validate(body({ evidence: { 'campaign.id': 'summer-25', message_id: 'wamid.X', 'x-ref': '' } }));
    expect(free.ok && free.consent.evidence).toEqual({ 'campaign.id': 'summer-25', message_id: 'wamid.X', 'x-ref': '' });
  });

  it('accepts bounds exactly: 128-character id and userId, 100-character source, 20 evidence keys of 1000 characters', () => {
    const evidence = Object.fromEntries(Array.from({ length: MAX_EVIDENCE_KEYS }, (_, i) => [`k${i}`, 'x'.repeat(1000)]));
    expect(validate(body({ id: 'i'.repeat(128), source: 's'.repeat(100), evidence })).ok).toBe(true);
    expect(validate(body({ phone: undefined, userId: 'u'.repeat(128) })).ok).toBe(true);
  });

  it('accepts occurredAt up to a day ahead, and in any zone or precision', () => {
    expect(validate(body({ occurredAt: '2025-07-02T09:59:00Z' })).ok).toBe(true);
    expect(validate(body({ occurredAt: '2025-07-01T09:30Z' })).ok).toBe(true);
    expect(validate(body({ occurredAt: '2025-07-01T09:30:00.123456-05:00' })).ok).toBe(true);
    expect(validate(body({ occurredAt: EARLIEST_OCCURRED_AT.toISOString() })).ok).toBe(true);
  });

  it('uses the real clock when none is given', () => {
    expect(validateConsentBody(body({ occurredAt: new Date().toISOString() }), { defaultCountry: 'IT' }).ok).toBe(true);
    expect(validateConsentBody(body({ occurredAt: new Date(Date.now() + 3 * 86_400_000).toISOString() }), { defaultCountry: 'IT' }).ok).toBe(false);
  });
});

describe('validateConsentBody: refusals', () => {
  it.each([null, 'text', 42, [body()], true])('refuses a body that is not an object (%j)', (input) => {
    expect(errorsOf(input)).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it('reports every missing field at once', () => {
    expect(fieldsOf({})).toEqual(['action', 'category', 'evidence', 'id', 'occurredAt', 'phone', 'source']);
  });

  it.each(['id', 'category', 'action', 'source', 'evidence', 'occurredAt'])('requires %s', (field) => {
    expect(errorsOf(without(field))).toEqual([{ field, message: expect.stringMatching(/^is required/) }]);
  });

  it('requires a phone or a userId, and not both', () => {
    expect(errorsOf(without('phone'))).toEqual([{ field: 'phone', message: expect.stringContaining('unless userId') }]);
    expect(errorsOf(body({ phone: null, userId: null }))).toEqual([{ field: 'phone', message: expect.stringContaining('exactly one') }]);
    expect(errorsOf(body({ userId: 'user-42' }))).toEqual([{ field: 'userId', message: expect.stringContaining('exactly one') }]);
  });

  it.each([
    ['an id with a space', { id: 'a b' }, 'id'],
    ['an empty id', { id: '' }, 'id'],
    ['a 129-character id', { id: 'i'.repeat(129) }, 'id'],
    ['an id with non-ASCII', { id: 'consènso' }, 'id'],
    ['a numeric id', { id: 42 }, 'id'],
    ['an unknown category', { category: 'promotions' }, 'category'],
    ['an upper-case category', { category: 'MARKETING' }, 'category'],
    ['an unknown action', { action: 'revoke' }, 'action'],
    ['an empty source', { source: '' }, 'source'],
    ['a 101-character source', { source: 's'.repeat(101) }, 'source'],
    ['a numeric source', { source: 7 }, 'source'],
    ['evidence that is an array', { evidence: ['form'] }, 'evidence'],
    ['evidence that is a string', { evidence: 'checkout' }, 'evidence'],
    ['evidence that is null', { evidence: null }, 'evidence'],
    ['a date without zone', { occurredAt: '2025-07-01T09:30:00' }, 'occurredAt'],
    ['a date only', { occurredAt: '2025-07-01' }, 'occurredAt'],
    ['an impossible date', { occurredAt: '2025-02-30T09:30:00Z' }, 'occurredAt'],
    ['a timestamp number', { occurredAt: 1751362200000 }, 'occurredAt'],
    ['a date more than a day ahead', { occurredAt: '2025-07-02T10:00:01Z' }, 'occurredAt'],
    ['a date before 2000', { occurredAt: '1999-12-31T23:59:59Z' }, 'occurredAt'],
    ['a year-zero date', { occurredAt: '0000-01-01T00:00:00Z' }, 'occurredAt'],
    ['a numeric phone', { phone: 393331234567 }, 'phone'],
    ['a phone that is not a number', { phone: 'call me' }, 'phone'],
    ['an invalid phone', { phone: '+39 000 0000000' }, 'phone'],
    ['an empty userId', { phone: undefined, userId: '' }, 'userId'],
    ['a numeric userId', { phone: undefined, userId: 42 }, 'userId'],
    ['a 129-character userId', { phone: undefined, userId: 'u'.repeat(129) }, 'userId'],
    ['an unknown field', { recipient: {} }, 'recipient'],
  ])('refuses %s, naming the field', (_, overrides, field) => {
    expect(fieldsOf(body(overrides))).toEqual([field]);
  });

  it('says which rule a date broke', () => {
    expect(errorsOf(body({ occurredAt: '2025-07-03T00:00:00Z' }))).toEqual([{ field: 'occurredAt', message: 'is more than a day in the future' }]);
    expect(errorsOf(body({ occurredAt: '1999-01-01T00:00:00Z' }))).toEqual([{ field: 'occurredAt', message: 'is before 2000-01-01' }]);
    expect(errorsOf(body({ occurredAt: '2025-02-30T09:30:00Z' }))).toEqual([{ field: 'occurredAt', message: 'is not a real date and time' }]);
  });

  it('lists the valid categories and actions', () => {
    expect(errorsOf(body({ category: 'x' }))[0].message).toBe('must be one of: marketing, utility, authentication, all');
    expect(errorsOf(body({ action: 'x' }))[0].message).toBe('must be one of: opt_in, opt_out');
  });

  it('refuses a "__proto__" field at the top level and in the evidence', () => {
    expect(
      fieldsOf(
        JSON.parse(
          '{"id":"c","phone":"+393331234567","category":"all","action":"opt_out","source":"s","evidence":{},"occurredAt":"2025-07-01T09:00:00Z","__proto__":{"x":1}}',
        ),
      ),
    ).toEqual(['__proto__']);
    expect(fieldsOf(body({ evidence: JSON.parse('{"__proto__":"x"}') }))).toEqual(['evidence']);
  });

  it('reports every offending field together, the phone included', () => {
    expect(fieldsOf(body({ id: '', phone: 'nope', category: 'x', action: 'y', source: '', evidence: { a: 1 }, occurredAt: 'soon' }))).toEqual([
      'action',
      'category',
      'evidence.a',
      'id',
      'occurredAt',
      'phone',
      'source',
    ]);
  });

  it('never echoes the phone number', () => {
    for (const phone of ['+39 333 123 4567 99', '333 123 4567 x', '+39 333 123 4567', '(333) 123-4567/']) {
      const result = validate(body({ phone, category: 'nope' }));
      expect(JSON.stringify(result)).not.toMatch(PHONE_DIGITS);
    }
    expect(JSON.stringify(validate(body({ userId: 'u' })))).not.toMatch(PHONE_DIGITS);
  });
});

describe('checkEvidence', () => {
  it('keeps string values as given', () => {
    expect(checkEvidence({ form: 'f', textVersion: 'v2', channel: 'whatsapp' })).toEqual({
      ok: true,
      evidence: { form: 'f', textVersion: 'v2', channel: 'whatsapp' },
    });
  });

  it('refuses more than 20 keys, in one error', () => {
    const evidence = Object.fromEntries(Array.from({ length: MAX_EVIDENCE_KEYS + 1 }, (_, i) => [`k${i}`, 'v']));
    expect(checkEvidence(evidence)).toEqual({ ok: false, errors: [{ field: 'evidence', message: 'must have at most 20 keys' }] });
  });

  it.each([
    ['a number', 1],
    ['a boolean', true],
    ['null', null],
    ['an object', { nested: 'x' }],
    ['an array', ['x']],
    ['a 1001-character string', 'x'.repeat(1001)],
  ])('refuses %s as a value, naming its key', (_, value) => {
    expect(checkEvidence({ form: value })).toEqual({ ok: false, errors: [{ field: 'evidence.form', message: 'must be a string of at most 1000 characters' }] });
  });

  it('refuses keys that are not plain identifiers, once, without echoing them', () => {
    const long = 'k'.repeat(65);
    const result = checkEvidence({ 'a key': 'v', [long]: 'v', '': 'v', è: 'v', ok: 'v' });
    expect(result).toEqual({ ok: false, errors: [{ field: 'evidence', message: expect.stringContaining('1–64 letters') }] });
    expect(JSON.stringify(result)).not.toContain(long);
  });

  it('reports a bad key and a bad value together', () => {
    const result = checkEvidence({ 'bad key': 'v', form: 3 });
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(['evidence', 'evidence.form']);
  });

  it.each(['192.168.1.10', ' 10.0.0.1 ', '2001:db8::1', '::ffff:127.0.0.1'])('refuses a raw IP address %j as ipHash', (ip) => {
    expect(checkEvidence({ ipHash: ip })).toEqual({
      ok: false,
      errors: [{ field: 'evidence.ipHash', message: 'must be a hash of the IP address, not the address itself' }],
    });
  });

  it('accepts a hashed IP, and an IP address under another key', () => {
    expect(checkEvidence({ ipHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }).ok).toBe(true);
    expect(checkEvidence({ note: '10.0.0.1' }).ok).toBe(true);
  });
});
