import { validateEventBody, type EventValidation, type FieldError } from './event-dto.js';
import { EVENT_VARIABLE_NAMES, EVENT_VARIABLES, PASSWEB_EVENT_TYPES, type EventVariableName } from './event-types.js';

const NOW = new Date('2025-07-01T10:00:00Z');
const PHONE_DIGITS = /333\s?123\s?4567|3331234567/;

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'evt-0001',
    type: 'order.status_changed',
    occurredAt: '2025-07-01T09:30:00+02:00',
    recipient: { userId: 'user-42', phone: '+39 333 123 4567' },
    data: { firstName: 'Anna', newStatus: 'shipped' },
    ...overrides,
  };
}

function validate(input: unknown): EventValidation {
  return validateEventBody(input, { defaultCountry: 'IT', now: NOW });
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

/** A valid value for every variable, whatever its format. */
const SAMPLE: Record<EventVariableName, string | number> = {
  firstName: 'Anna',
  lastName: 'Rossi',
  fullName: 'Anna Rossi',
  documentCode: 'ORD-2025-0042',
  documentStatus: 'Spedito',
  orderTotal: '129.90',
  itemCount: 3,
  cartTotal: '59,00',
  cartItemCount: 2,
  messageSubject: 'Your documents',
  messageText: 'Line one\nline two',
  activityDate: '2025-07-02T15:00:00+02:00',
  activitySubject: 'Call back',
  newStatus: 'shipped',
  oldStatus: 'paid',
  folderName: 'Contracts',
  fileName: 'contract.pdf',
  siteUrl: 'https://shop.example.it/orders/42',
};

describe('validateEventBody: a valid event', () => {
  it('comes out as a plain event with the phone in E.164 and defaults filled', () => {
    const result = validate(body());
    expect(result).toEqual({
      ok: true,
      event: {
        id: 'evt-0001',
        type: 'order.status_changed',
        occurredAt: new Date('2025-07-01T07:30:00Z'),
        recipient: { userId: 'user-42', phone: '+393331234567', groups: [], whatsappOptOut: false },
        data: { firstName: 'Anna', newStatus: 'shipped' },
        createdByAgent: false,
      },
    });
  });

  it('keeps every optional recipient field and createdByAgent', () => {
    const result = validate(
      body({
        type: 'cart.abandoned',
        recipient: {
          userId: 'u',
          phone: '333 1234567',
          name: 'Anna Rossi',
          language: 'en_US',
          groups: ['vip', 'b2b'],
          whatsappOptOut: true,
        },
        data: { cartTotal: '59.00', cartItemCount: 2, siteUrl: 'http://localhost:3000/cart?id=9' },
        createdByAgent: true,
      }),
    );
    expect(result.ok && result.event).toMatchObject({
      type: 'cart.abandoned',
      recipient: { userId: 'u', phone: '+393331234567', name: 'Anna Rossi', language: 'en_US', groups: ['vip', 'b2b'], whatsappOptOut: true },
      data: { cartTotal: '59.00', cartItemCount: 2, siteUrl: 'http://localhost:3000/cart?id=9' },
      createdByAgent: true,
    });
  });

  it('treats null optional values as absent', () => {
    const result = validate(
      body({
        recipient: { userId: 'u', phone: '+393331234567', name: null, language: null, groups: null },
        data: { firstName: null, lastName: 'Rossi' },
        createdByAgent: null,
      }),
    );
    expect(result.ok && result.event.data).toEqual({ lastName: 'Rossi' });
    expect(result.ok && result.event.recipient).toEqual({ userId: 'u', phone: '+393331234567', groups: [], whatsappOptOut: false });
    expect(result.ok && result.event.createdByAgent).toBe(false);
  });

  it('accepts an empty data object', () => {
    expect(validate(body({ data: {} })).ok).toBe(true);
  });

  it.each(['2025-07-01T09:30:00Z', '2025-07-01T09:30Z', '2025-07-01T09:30:00.123456+02:00', '2025-07-02T09:59:00Z'])('accepts occurredAt %s', (occurredAt) => {
    expect(validate(body({ occurredAt })).ok).toBe(true);
  });

  it.each(['it', 'en_US', 'en-us', 'pt_BR', 'zh_Hant_TW', 'fil'])('accepts language %s', (language) => {
    expect(validate(body({ recipient: { userId: 'u', phone: '+393331234567', language } })).ok).toBe(true);
  });

  it.each(['evt-1', 'a', 'x'.repeat(128), 'order:42/status#3'])('accepts id %j', (id) => {
    expect(validate(body({ id })).ok).toBe(true);
  });
});

describe('validateEventBody: the type', () => {
  it.each([null, 'text', 42, ['a'], true])('refuses a body that is not an object: %j', (input) => {
    expect(errorsOf(input)).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it.each([undefined, 'order.created', 42, null])('refuses type %j with one error listing the valid types', (type) => {
    const result = validate(body({ type, recipient: 'not even an object' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.validTypes).toEqual([...PASSWEB_EVENT_TYPES]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].field).toBe('type');
    for (const type of PASSWEB_EVENT_TYPES) expect(result.errors[0].message).toContain(type);
  });

  it('says a missing type is required', () => {
    const { type: _omitted, ...rest } = body();
    expect(errorsOf(rest)[0].message).toMatch(/^is required/);
  });
});

describe('validateEventBody: data carries exactly the variables of its type', () => {
  it.each(PASSWEB_EVENT_TYPES)('%s', (type) => {
    const allowed = EVENT_VARIABLES[type];
    const result = validate(body({ type, data: { ...SAMPLE } }));
    const refused = EVENT_VARIABLE_NAMES.filter((name) => !allowed.includes(name));
    expect(fieldsOf(body({ type, data: { ...SAMPLE } }))).toEqual(refused.map((n) => `data.${n}`).sort());
    expect(result.ok).toBe(false);

    const onlyAllowed = Object.fromEntries(allowed.map((name) => [name, SAMPLE[name]]));
    const accepted = validate(body({ type, data: onlyAllowed }));
    expect(accepted.ok && accepted.event.data).toEqual(onlyAllowed);
  });

  it('explains that a known variable belongs to other event types', () => {
    const [error] = errorsOf(body({ data: { cartTotal: '10.00' } }));
    expect(error).toEqual({ field: 'data.cartTotal', message: expect.stringContaining('is not a variable of order.status_changed') });
    expect(error.message).toContain('orderTotal');
  });

  it('calls an unknown variable unknown', () => {
    expect(errorsOf(body({ data: { unknownField: 'x' } }))).toEqual([
      { field: 'data.unknownField', message: expect.stringContaining('is not a known variable') },
    ]);
  });
});

describe('validateEventBody: variable formats', () => {
  const refuses = (data: Record<string, unknown>, type = 'order.status_changed') => fieldsOf(body({ type, data }));

  it.each(['129.90', '129,90', '0', '1000000', '0.5'])('accepts the amount %j', (orderTotal) => {
    expect(validate(body({ data: { orderTotal } })).ok).toBe(true);
  });

  it.each([129.9, '€ 129,90', '1.234,56', '-5.00', '12.', '', 'abc'])('refuses the amount %j', (orderTotal) => {
    expect(refuses({ orderTotal })).toEqual(['data.orderTotal']);
  });

  it.each([0, 3, 1_000_000])('accepts the count %j', (itemCount) => {
    expect(validate(body({ data: { itemCount } })).ok).toBe(true);
  });

  it.each(['3', 2.5, -1, 1_000_001, true])('refuses the count %j', (cartItemCount) => {
    expect(refuses({ cartItemCount }, 'cart.abandoned')).toEqual(['data.cartItemCount']);
  });

  it.each(['2025-07-02', '2025-07-02T15:00:00', '2025-07-02T15:00:00+02:00'])('accepts activityDate %j', (activityDate) => {
    expect(validate(body({ type: 'activity.reminder', data: { activityDate } })).ok).toBe(true);
  });

  it.each(['tomorrow', '2025-02-30', '02/07/2025', 20250702])('refuses activityDate %j', (activityDate) => {
    expect(refuses({ activityDate }, 'activity.reminder')).toEqual(['data.activityDate']);
  });

  it.each(['https://shop.example.it/cart/1', 'http://localhost:8080/x?y=1'])('accepts siteUrl %j', (siteUrl) => {
    expect(validate(body({ data: { siteUrl } })).ok).toBe(true);
  });

  it.each(['shop.example.it/cart', 'ftp://shop.example.it/x', 'javascript:alert(1)', `https://x.it/${'a'.repeat(2000)}`, 42])(
    'refuses siteUrl %j',
    (siteUrl) => {
      expect(refuses({ siteUrl })).toEqual(['data.siteUrl']);
    },
  );

  it('limits text to 1–1000 characters and messageText to 4096', () => {
    expect(refuses({ firstName: '' })).toEqual(['data.firstName']);
    expect(refuses({ firstName: 'a'.repeat(1001) })).toEqual(['data.firstName']);
    expect(refuses({ firstName: 7 })).toEqual(['data.firstName']);
    expect(validate(body({ data: { firstName: 'a'.repeat(1000) } })).ok).toBe(true);
    expect(validate(body({ type: 'message.sent', data: { messageText: 'a'.repeat(4096) } })).ok).toBe(true);
    expect(refuses({ messageText: 'a'.repeat(4097) }, 'message.sent')).toEqual(['data.messageText']);
    expect(refuses({ messageSubject: 'a'.repeat(1001) }, 'message.sent')).toEqual(['data.messageSubject']);
  });
});

describe('validateEventBody: envelope and recipient', () => {
  const recipient = (fields: Record<string, unknown>) => body({ recipient: { userId: 'u', phone: '+393331234567', ...fields } });

  it.each(['', 'x'.repeat(129), 'has space', 'città', 42, null])('refuses id %j', (id) => {
    expect(fieldsOf(body({ id }))).toEqual(['id']);
  });

  it.each([
    ['2025-07-01T09:30:00', 'with a time zone'],
    ['2025-07-01', 'with a time zone'],
    ['2025-07-01 09:30:00Z', 'with a time zone'],
    ['2025-07-01T09:30:00+0200', 'with a time zone'],
    ['2025-02-30T09:30:00Z', 'not a real date'],
    ['2025-07-01T25:30:00Z', 'not a real date'],
    [1751362200000, 'with a time zone'],
    ['2025-07-02T10:00:01Z', 'more than a day in the future'],
  ])('refuses occurredAt %j', (occurredAt, message) => {
    expect(errorsOf(body({ occurredAt }))).toEqual([{ field: 'occurredAt', message: expect.stringContaining(message) }]);
  });

  it('requires id, occurredAt, recipient and data', () => {
    const { id: _i, occurredAt: _o, recipient: _r, data: _d, ...rest } = body();
    expect(
      errorsOf(rest)
        .map((e) => [e.field, e.message.slice(0, 11)])
        .sort(),
    ).toEqual([
      ['data', 'is required'],
      ['id', 'is required'],
      ['occurredAt', 'is required'],
      ['recipient', 'is required'],
    ]);
  });

  it.each([['a string'], [[1, 2]], [42]])('refuses a recipient that is not an object: %j', (value) => {
    expect(errorsOf(body({ recipient: value }))).toEqual([{ field: 'recipient', message: 'must be an object' }]);
  });

  it.each([['a string'], [['firstName']], [42]])('refuses data that is not an object: %j', (value) => {
    expect(errorsOf(body({ data: value }))).toEqual([{ field: 'data', message: 'must be an object of the event variables' }]);
  });

  it('requires userId and phone', () => {
    expect(fieldsOf(body({ recipient: {} }))).toEqual(['recipient.phone', 'recipient.userId']);
  });

  it.each(['', 'x'.repeat(129), 42])('refuses userId %j', (userId) => {
    expect(fieldsOf(recipient({ userId }))).toEqual(['recipient.userId']);
  });

  it.each(['e', 'english', 'en_', 'en US', 'it-IT-x-very-long-subtag-here', 42])('refuses language %j', (language) => {
    expect(fieldsOf(recipient({ language }))).toEqual(['recipient.language']);
  });

  it('limits groups to 50 strings of 1–128 characters', () => {
    expect(validate(recipient({ groups: Array.from({ length: 50 }, (_, i) => `g${i}`) })).ok).toBe(true);
    expect(fieldsOf(recipient({ groups: Array.from({ length: 51 }, (_, i) => `g${i}`) }))).toEqual(['recipient.groups']);
    expect(fieldsOf(recipient({ groups: ['vip', 3] }))).toEqual(['recipient.groups']);
    expect(fieldsOf(recipient({ groups: [''] }))).toEqual(['recipient.groups']);
    expect(fieldsOf(recipient({ groups: 'vip' }))).toEqual(['recipient.groups']);
  });

  it.each([
    ['whatsappOptOut', 'yes'],
    ['whatsappOptOut', 1],
    ['name', ''],
    ['name', 'x'.repeat(201)],
  ])('refuses %s %j', (key, value) => {
    expect(fieldsOf(recipient({ [key]: value }))).toEqual([`recipient.${key}`]);
  });

  it('refuses a createdByAgent that is not a boolean', () => {
    expect(errorsOf(body({ createdByAgent: 'true' }))).toEqual([{ field: 'createdByAgent', message: 'must be true or false' }]);
  });

  it('refuses unknown properties at every level', () => {
    const input = body({ extra: 1, recipient: { userId: 'u', phone: '+393331234567', email: 'a@b.it' } });
    expect(errorsOf(input)).toEqual(
      expect.arrayContaining([
        { field: 'extra', message: 'is not a known field' },
        { field: 'recipient.email', message: 'is not a known field' },
      ]),
    );
  });

  it('refuses a "__proto__" key, which JSON.parse keeps', () => {
    const input = JSON.parse(
      '{"id":"a","type":"cart.abandoned","occurredAt":"2025-07-01T09:30:00Z","recipient":{"userId":"u","phone":"+393331234567","__proto__":{"x":1}},"data":{"__proto__":{}},"__proto__":{"y":2}}',
    );
    expect(fieldsOf(input)).toEqual(['__proto__', 'data.__proto__', 'recipient.__proto__']);
  });
});

describe('validateEventBody: the phone number', () => {
  const withPhone = (phone: unknown) => body({ recipient: { userId: 'u', phone } });

  it.each([
    ['+39 333 123 4567', '+393331234567'],
    ['0039 333 1234567', '+393331234567'],
    ['333 1234567', '+393331234567'],
    ['06 1234 5678', '+390612345678'],
  ])('normalises %j to %s', (phone, e164) => {
    const result = validate(withPhone(phone));
    expect(result.ok && result.event.recipient.phone).toBe(e164);
  });

  it('reads national numbers in the default country given', () => {
    const result = validateEventBody(withPhone('07911 123456'), { defaultCountry: 'GB', now: NOW });
    expect(result.ok && result.event.recipient.phone).toBe('+447911123456');
  });

  it.each(['IT.1502576394655843', 'US.ENT.11815799212886844830'])('takes the business-scoped user id %s of a user known by no number, as is', (id) => {
    const result = validate(withPhone(id));
    expect(result.ok && result.event.recipient.phone).toBe(id);
  });

  it.each(['abc', '12', '+39 0000000000', '', 393331234567, 'it.1502576394655843', 'IT.', 'IT.15025-7639'])('refuses %j on recipient.phone', (phone) => {
    expect(fieldsOf(withPhone(phone))).toEqual(['recipient.phone']);
  });
});

describe('validateEventBody: errors', () => {
  it('reports every offending field at once, with dotted paths', () => {
    const input = {
      id: '',
      type: 'order.status_changed',
      occurredAt: 'yesterday',
      recipient: { userId: '', phone: 'not a phone', name: '', language: 'italiano!', groups: [1], whatsappOptOut: 'no', extra: 1 },
      data: { orderTotal: 12.5, itemCount: 'three', siteUrl: 'nope', unknownField: 'x', cartTotal: '1.00' },
      createdByAgent: 'no',
      more: true,
    };
    expect(fieldsOf(input)).toEqual(
      [
        'id',
        'occurredAt',
        'recipient.userId',
        'recipient.phone',
        'recipient.name',
        'recipient.language',
        'recipient.groups',
        'recipient.whatsappOptOut',
        'recipient.extra',
        'data.orderTotal',
        'data.itemCount',
        'data.siteUrl',
        'data.unknownField',
        'data.cartTotal',
        'createdByAgent',
        'more',
      ].sort(),
    );
  });

  it('gives one message per field', () => {
    const errors = errorsOf(body({ data: { firstName: 7 } }));
    expect(errors).toEqual([{ field: 'data.firstName', message: 'must be a string of 1–1000 characters' }]);
  });

  it('never repeats personal values in its messages', () => {
    const inputs = [
      body({ recipient: { userId: 'u', phone: '+39 333 123 4567 999', name: 'Anna Rossi'.repeat(30) } }),
      body({ recipient: { userId: 'u', phone: 'Anna Rossi 3331234567' } }),
      body({ data: { firstName: 'Anna Rossi'.repeat(200), lastName: 3331234567 } }),
      body({
        type: 'cart.abandoned',
        data: { fullName: 'Anna Rossi', cartTotal: 'Anna Rossi' },
        recipient: { userId: 'u', phone: '+393331234567', language: 'Anna Rossi' },
      }),
    ];
    for (const input of inputs) {
      for (const error of errorsOf(input)) {
        expect(error.message).not.toContain('Anna');
        expect(error.message).not.toMatch(PHONE_DIGITS);
      }
    }
  });

  it('does not check the phone of a recipient that is not an object', () => {
    expect(errorsOf(body({ recipient: null }))).toEqual([{ field: 'recipient', message: 'is required' }]);
  });
});
