import { PASSWEB_EVENT_TYPES } from '#sigillo/passweb';
import { validateBinding, type BindingFieldError, type BindingValidation, type BindingValidationContext } from './binding-validation.js';
import type { Template, TemplateComponents, TemplateStatus } from '#sigillo/whatsapp';

function template(name: string, language: string, components: Partial<TemplateComponents> = {}, status: TemplateStatus = 'APPROVED'): Template {
  return {
    name,
    language,
    category: 'UTILITY',
    status,
    components: { body: { text: 'Ciao {{1}}, ordine {{2}}: {{3}}', placeholders: [1, 2, 3] }, buttons: [], ...components },
  };
}

const CATALOG: Template[] = [
  template('order_shipped', 'it'),
  template('order_shipped', 'en'),
  template('order_paused', 'it', {}, 'PAUSED'),
  template('order_rejected', 'it', {}, 'REJECTED'),
  template('order_image', 'it', { header: { format: 'IMAGE', placeholders: [] }, body: { text: '{{1}}', placeholders: [1] } }),
  template('order_document', 'it', { header: { format: 'DOCUMENT', placeholders: [] }, body: { text: '{{1}}', placeholders: [1] } }),
  template('order_location', 'it', { header: { format: 'LOCATION', placeholders: [] }, body: { text: '{{1}}', placeholders: [1] } }),
  template('order_full', 'it', {
    header: { format: 'TEXT', text: 'Ordine {{1}}', placeholders: [1] },
    body: { text: '{{1}} {{2}}', placeholders: [1, 2] },
    buttons: [
      { index: 0, type: 'URL', text: 'Vedi', url: 'https://shop.example.it/{{1}}', placeholders: [1] },
      { index: 1, type: 'QUICK_REPLY', text: 'Stop', placeholders: [] },
    ],
  }),
  template('otp_code', 'it', {
    body: { text: '{{1}}', placeholders: [1] },
    buttons: [{ index: 0, type: 'OTP', text: 'Copia', placeholders: [1] }],
  }),
  template('thanks', 'it', { body: { text: 'Grazie!', placeholders: [] } }),
  template('order_ready', 'it', {
    parameterFormat: 'NAMED',
    header: { format: 'TEXT', text: 'Ordine {{order_id}}', placeholders: ['order_id'] },
    body: { text: 'Ciao {{first_name}}, ordine {{order_id}}', placeholders: ['first_name', 'order_id'] },
    buttons: [{ index: 0, type: 'URL', text: 'Vedi', url: 'https://shop.example.it/{{order_code}}', placeholders: ['order_code'] }],
  }),
];

function ctx(eventType = 'order.status_changed'): BindingValidationContext {
  return { eventType, findTemplate: (name, language) => CATALOG.find((t) => t.name === name && t.language === language) ?? null };
}

const VARIABLES = { 'body.1': 'firstName', 'body.2': 'documentCode', 'body.3': 'newStatus' };

function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { templates: [{ name: 'order_shipped', language: 'it' }], variables: { ...VARIABLES }, ...overrides };
}

function refused(input: unknown, status: 400 | 422, context = ctx()): BindingFieldError[] {
  const result = validateBinding(input, context);
  if (result.ok) throw new Error('expected the binding to be refused');
  expect(result.status).toBe(status);
  return result.errors;
}

function accepted(input: unknown, context = ctx()): Extract<BindingValidation, { ok: true }>['binding'] {
  const result = validateBinding(input, context);
  if (!result.ok) throw new Error(`expected the binding to be accepted: ${JSON.stringify(result.errors)}`);
  return result.binding;
}

describe('validateBinding: a valid binding', () => {
  it('comes out as a Binding for the event type', () => {
    expect(accepted(body())).toEqual({
      eventType: 'order.status_changed',
      templates: [{ name: 'order_shipped', language: 'it' }],
      variables: VARIABLES,
    });
  });

  it('keeps condition, user groups, media and one template per language', () => {
    const binding = accepted(
      body({
        eventType: 'order.status_changed',
        templates: [
          { name: 'order_shipped', language: 'it' },
          { name: 'order_shipped', language: 'en' },
        ],
        condition: { newStatus: ['shipped', 'delivered'] },
        userGroups: ['vip'],
      }),
    );
    expect(binding).toMatchObject({ condition: { newStatus: ['shipped', 'delivered'] }, userGroups: ['vip'] });
    expect(binding.templates).toHaveLength(2);
  });

  it('accepts a media header with its link and file name', () => {
    const binding = accepted(
      body({
        templates: [{ name: 'order_document', language: 'it' }],
        variables: { 'body.1': 'firstName' },
        media: { link: 'https://cdn.example.it/f.pdf', filename: 'Fattura.pdf' },
      }),
    );
    expect(binding.media).toEqual({ link: 'https://cdn.example.it/f.pdf', filename: 'Fattura.pdf' });
  });

  it('accepts header, body and URL-button placeholders together', () => {
    const variables = { 'header.1': 'documentCode', 'body.1': 'firstName', 'body.2': 'newStatus', 'button.0.1': 'siteUrl' };
    expect(accepted(body({ templates: [{ name: 'order_full', language: 'it' }], variables })).variables).toEqual(variables);
  });

  it('accepts a template without placeholders and an empty mapping', () => {
    expect(accepted(body({ templates: [{ name: 'thanks', language: 'it' }], variables: {} })).variables).toEqual({});
  });

  it('accepts exactly five mapped placeholders', () => {
    const t = template('five', 'it', { body: { text: '', placeholders: [1, 2, 3, 4, 5] } });
    const variables = { 'body.1': 'firstName', 'body.2': 'lastName', 'body.3': 'fullName', 'body.4': 'documentCode', 'body.5': 'orderTotal' };
    expect(
      accepted(body({ templates: [{ name: 'five', language: 'it' }], variables }), { eventType: 'order.status_changed', findTemplate: () => t }).variables,
    ).toEqual(variables);
  });
});

describe('validateBinding: 400 for a malformed body', () => {
  it('refuses an unknown event type, listing the valid ones', () => {
    const [error] = refused(body(), 400, ctx('order.created'));
    expect(error.field).toBe('eventType');
    for (const type of PASSWEB_EVENT_TYPES) expect(error.message).toContain(type);
  });

  it('refuses a body eventType that disagrees with the one being bound', () => {
    expect(refused(body({ eventType: 'cart.abandoned' }), 400)).toEqual([
      { field: 'eventType', message: 'must be order.status_changed, the event type being bound' },
    ]);
  });

  it.each([null, 'x', 3, []])('refuses a body that is not an object: %j', (input) => {
    expect(refused(input, 400)).toEqual([{ field: 'body', message: 'must be a JSON object' }]);
  });

  it('requires templates and variables', () => {
    expect(
      refused({}, 400)
        .map((e) => e.field)
        .sort(),
    ).toEqual(['templates', 'variables']);
  });

  it.each([
    [{ templates: [] }, 'templates'],
    [{ templates: 'order_shipped' }, 'templates'],
    [{ templates: ['order_shipped'] }, 'templates.0'],
    [{ templates: [{ name: 'Order Shipped', language: 'it' }] }, 'templates.0.name'],
    [{ templates: [{ name: 'order_shipped' }] }, 'templates.0.language'],
    [{ templates: [{ name: 'order_shipped', language: 'italiano' }] }, 'templates.0.language'],
    [{ templates: [{ name: 'order_shipped', language: 'it', status: 'APPROVED' }] }, 'templates.0.status'],
    [{ templates: Array.from({ length: 21 }, (_, i) => ({ name: `t${i}`, language: 'it' })) }, 'templates'],
    [{ variables: [] }, 'variables'],
    [{ variables: 'body.1=firstName' }, 'variables'],
    [{ variables: { ...VARIABLES, 'body.0': 'firstName' } }, 'variables.body.0'],
    [{ variables: { ...VARIABLES, footer: 'firstName' } }, 'variables.footer'],
    [{ variables: { ...VARIABLES, 'button.x.1': 'siteUrl' } }, 'variables.button.x.1'],
    [{ variables: { ...VARIABLES, 'body.First_Name': 'firstName' } }, 'variables.body.First_Name'],
    [{ variables: { ...VARIABLES, 'body.first-name': 'firstName' } }, 'variables.body.first-name'],
    [{ variables: { ...VARIABLES, 'body.1name': 'firstName' } }, 'variables.body.1name'],
    [{ variables: { ...VARIABLES, 'header.': 'firstName' } }, 'variables.header.'],
    [{ variables: { ...VARIABLES, 'button.order_code': 'siteUrl' } }, 'variables.button.order_code'],
    [{ variables: { ...VARIABLES, 'body.1': 'email' } }, 'variables.body.1'],
    [{ variables: { ...VARIABLES, 'body.1': 7 } }, 'variables.body.1'],
    [{ condition: [] }, 'condition'],
    [{ condition: { newStatus: [] } }, 'condition.newStatus'],
    [{ condition: { newStatus: 'shipped' } }, 'condition.newStatus'],
    [{ condition: { newStatus: [''] } }, 'condition.newStatus'],
    [{ condition: { oldStatus: ['paid'] } }, 'condition.oldStatus'],
    [{ userGroups: [] }, 'userGroups'],
    [{ userGroups: [1] }, 'userGroups'],
    [{ userGroups: Array.from({ length: 51 }, (_, i) => `g${i}`) }, 'userGroups'],
    [{ media: 'https://cdn.example.it/a.png' }, 'media'],
    [{ media: {} }, 'media.link'],
    [{ media: { link: 'cdn.example.it/a.png' } }, 'media.link'],
    [{ media: { link: 'https://cdn.example.it/a.png', filename: '' } }, 'media.filename'],
    [{ media: { link: 'https://cdn.example.it/a.png', size: 3 } }, 'media.size'],
    [{ extra: true }, 'extra'],
  ])('refuses %j on %s', (overrides, field) => {
    expect(refused(body(overrides), 400).map((e) => e.field)).toEqual([field]);
  });

  it('names the unknown field and the wrong slot plainly', () => {
    expect(refused(body({ extra: 1 }), 400)).toEqual([{ field: 'extra', message: 'is not a known field' }]);
    expect(refused(body({ variables: { footer: 'firstName' } }), 400)[0].message).toMatch(/^is not a placeholder slot/);
    expect(refused(body({ variables: { 'body.1': 'email' } }), 400)[0].message).toMatch(/^must name a Passweb variable/);
    expect(refused(body({ templates: ['x'] }), 400)).toEqual([{ field: 'templates.0', message: 'must be an object' }]);
  });

  it('refuses a "__proto__" key', () => {
    const input = JSON.parse('{"templates":[{"name":"order_shipped","language":"it"}],"variables":{},"__proto__":{"x":1}}');
    expect(refused(input, 400).map((e) => e.field)).toContain('__proto__');
  });

  it('reports shape errors alone, before any catalog check', () => {
    const errors = refused(body({ templates: [{ name: 'missing_template', language: 'it' }], extra: 1 }), 400);
    expect(errors).toEqual([{ field: 'extra', message: 'is not a known field' }]);
  });
});

describe('validateBinding: 422 for a binding that does not fit', () => {
  const mismatches = (overrides: Record<string, unknown>, context = ctx()) => refused(body(overrides), 422, context);

  it('refuses a template the catalog does not have in that language', () => {
    expect(mismatches({ templates: [{ name: 'order_shipped', language: 'de' }] })).toEqual([
      { field: 'templates.0', message: 'template order_shipped/de does not exist in the catalog' },
    ]);
  });

  it.each([
    ['order_paused', 'PAUSED'],
    ['order_rejected', 'REJECTED'],
  ])('refuses %s, which is %s', (name, status) => {
    expect(mismatches({ templates: [{ name, language: 'it' }] })).toEqual([
      { field: 'templates.0', message: `template ${name}/it is ${status}; only APPROVED templates can be bound` },
    ]);
  });

  it('refuses two templates for one language, whatever the spelling', () => {
    const errors = mismatches({
      templates: [
        { name: 'order_shipped', language: 'it' },
        { name: 'order_shipped', language: 'en' },
        { name: 'order_shipped', language: 'IT' },
      ],
    });
    expect(errors).toContainEqual({ field: 'templates.2.language', message: expect.stringContaining('language IT already has a template (templates.0)') });
  });

  it('names a placeholder left unmapped', () => {
    expect(mismatches({ variables: { 'body.1': 'firstName', 'body.2': 'documentCode' } })).toEqual([
      { field: 'variables.body.3', message: 'body.3 of order_shipped/it is not mapped' },
    ]);
  });

  it('names unmapped header and button placeholders', () => {
    const errors = mismatches({ templates: [{ name: 'order_full', language: 'it' }], variables: { 'body.1': 'firstName', 'body.2': 'newStatus' } });
    expect(errors).toEqual([
      { field: 'variables.header.1', message: 'header.1 of order_full/it is not mapped' },
      { field: 'variables.button.0.1', message: 'button.0.1 of order_full/it is not mapped' },
    ]);
  });

  it('names a mapped slot the template does not have', () => {
    expect(mismatches({ variables: { ...VARIABLES, 'body.4': 'lastName' } })).toEqual([
      { field: 'variables.body.4', message: 'order_shipped/it has no placeholder body.4' },
    ]);
    expect(mismatches({ variables: { ...VARIABLES, 'button.1.1': 'siteUrl' } })).toEqual([
      { field: 'variables.button.1.1', message: 'order_shipped/it has no placeholder button.1.1' },
    ]);
  });

  it('checks every language against the one mapping', () => {
    const en = template('order_shipped', 'en', { body: { text: '{{1}} {{2}}', placeholders: [1, 2] } });
    const context: BindingValidationContext = {
      eventType: 'order.status_changed',
      findTemplate: (name, language) => (language === 'en' ? en : (CATALOG.find((t) => t.name === name && t.language === language) ?? null)),
    };
    const input = body({
      templates: [
        { name: 'order_shipped', language: 'it' },
        { name: 'order_shipped', language: 'en' },
      ],
    });
    expect(refused(input, 422, context)).toEqual([{ field: 'variables.body.3', message: 'order_shipped/en has no placeholder body.3' }]);
  });

  it('refuses a variable the event type cannot carry', () => {
    expect(mismatches({ variables: { ...VARIABLES, 'body.3': 'cartTotal' } })).toEqual([
      { field: 'variables.body.3', message: 'data variable cartTotal is not available for order.status_changed' },
    ]);
  });

  it.each(PASSWEB_EVENT_TYPES)('lets %s map only its own variables', (eventType) => {
    const result = validateBinding(body({ variables: { 'body.1': 'firstName', 'body.2': 'lastName', 'body.3': 'cartTotal' } }), ctx(eventType));
    expect(result.ok).toBe(eventType === 'cart.abandoned');
  });

  it('refuses more than five mapped variables', () => {
    const t = template('six', 'it', { body: { text: '', placeholders: [1, 2, 3, 4, 5, 6] } });
    const variables = {
      'body.1': 'firstName',
      'body.2': 'lastName',
      'body.3': 'fullName',
      'body.4': 'documentCode',
      'body.5': 'orderTotal',
      'body.6': 'newStatus',
    };
    const errors = refused(body({ templates: [{ name: 'six', language: 'it' }], variables }), 422, {
      eventType: 'order.status_changed',
      findTemplate: () => t,
    });
    expect(errors).toEqual([{ field: 'variables', message: 'maps 6 variables; at most 5 may be mapped' }]);
  });

  it('counts a variable used in several placeholders once', () => {
    const t = template('six', 'it', { body: { text: '', placeholders: [1, 2, 3, 4, 5, 6] } });
    const variables = {
      'body.1': 'firstName',
      'body.2': 'lastName',
      'body.3': 'fullName',
      'body.4': 'documentCode',
      'body.5': 'orderTotal',
      'body.6': 'documentCode',
    };
    expect(
      validateBinding(body({ templates: [{ name: 'six', language: 'it' }], variables }), { eventType: 'order.status_changed', findTemplate: () => t }).ok,
    ).toBe(true);
  });

  it('requires media.link for a media header', () => {
    expect(mismatches({ templates: [{ name: 'order_image', language: 'it' }], variables: { 'body.1': 'firstName' } })).toEqual([
      { field: 'media.link', message: 'order_image/it has a media header (IMAGE): media.link is required' },
    ]);
  });

  it('refuses media when no template has a media header', () => {
    expect(mismatches({ media: { link: 'https://cdn.example.it/a.png' } })).toEqual([
      { field: 'media', message: 'is set, but no bound template has an IMAGE, VIDEO or DOCUMENT header' },
    ]);
  });

  it('refuses location headers and buttons no event can fill', () => {
    expect(mismatches({ templates: [{ name: 'order_location', language: 'it' }], variables: { 'body.1': 'firstName' } })).toEqual([
      { field: 'templates.0', message: 'order_location/it has a LOCATION header, which no Passweb event can fill' },
    ]);
    expect(mismatches({ templates: [{ name: 'otp_code', language: 'it' }], variables: { 'body.1': 'firstName', 'button.0.1': 'documentCode' } })).toEqual([
      { field: 'templates.0', message: 'button 0 (OTP) of otp_code/it has a placeholder, which no Passweb event can fill' },
    ]);
  });

  it('refuses condition.newStatus on an event type without newStatus', () => {
    const errors = refused(
      body({ condition: { newStatus: ['x'] }, variables: { 'body.1': 'firstName', 'body.2': 'lastName', 'body.3': 'cartTotal' } }),
      422,
      ctx('cart.abandoned'),
    );
    expect(errors).toEqual([{ field: 'condition.newStatus', message: 'cart.abandoned events carry no newStatus to match' }]);
  });

  it('accepts condition.newStatus on activity.status_changed', () => {
    const input = body({ condition: { newStatus: ['done'] }, variables: { 'body.1': 'firstName', 'body.2': 'activitySubject', 'body.3': 'newStatus' } });
    expect(accepted(input, ctx('activity.status_changed')).condition).toEqual({ newStatus: ['done'] });
  });

  it('reports every mismatch at once', () => {
    const errors = mismatches({
      templates: [
        { name: 'order_paused', language: 'it' },
        { name: 'order_shipped', language: 'de' },
      ],
      variables: { 'body.1': 'cartTotal', 'body.2': 'documentCode' },
    });
    expect(errors.map((e) => e.field)).toEqual(['variables.body.1', 'templates.0', 'variables.body.3', 'templates.1']);
  });
});

describe('validateBinding: named-parameter templates', () => {
  const NAMED_VARIABLES = {
    'header.order_id': 'documentCode',
    'body.first_name': 'firstName',
    'body.order_id': 'documentCode',
    'button.0.order_code': 'siteUrl',
  };
  const named = (variables: Record<string, unknown>) => body({ templates: [{ name: 'order_ready', language: 'it' }], variables });

  it('maps each named placeholder, by component, to an event variable', () => {
    expect(accepted(named(NAMED_VARIABLES)).variables).toEqual(NAMED_VARIABLES);
  });

  it('names each named placeholder left unmapped, and each mapped one the template lacks (422)', () => {
    const { 'body.first_name': _f, 'button.0.order_code': _b, ...rest } = NAMED_VARIABLES;
    expect(refused(named({ ...rest, 'body.last_name': 'lastName' }), 422)).toEqual([
      { field: 'variables.body.first_name', message: 'body.first_name of order_ready/it is not mapped' },
      { field: 'variables.button.0.order_code', message: 'button.0.order_code of order_ready/it is not mapped' },
      { field: 'variables.body.last_name', message: 'order_ready/it has no placeholder body.last_name' },
    ]);
  });

  it('says the placeholders are named when a binding numbers them', () => {
    const errors = refused(named({ ...NAMED_VARIABLES, 'body.1': 'firstName' }), 422);
    expect(errors).toEqual([
      {
        field: 'variables.body.1',
        message: 'order_ready/it has no placeholder body.1 (its placeholders are named: header.order_id, body.first_name, body.order_id, button.0.order_code)',
      },
    ]);
  });

  it('says the placeholders are numbered when a binding names them', () => {
    expect(refused(body({ variables: { ...VARIABLES, 'body.first_name': 'firstName' } }), 422)).toEqual([
      {
        field: 'variables.body.first_name',
        message: 'order_shipped/it has no placeholder body.first_name (its placeholders are numbered: body.1, body.2, body.3)',
      },
    ]);
  });

  it('still allows at most five mapped variables', () => {
    const errors = refused(
      named({
        ...NAMED_VARIABLES,
        'body.order_id': 'newStatus',
        'header.order_id': 'lastName',
        'button.0.order_code': 'orderTotal',
        'body.first_name': 'firstName',
        'body.extra': 'itemCount',
        'body.more': 'documentCode',
      }),
      422,
    );
    expect(errors.map((e) => e.field)).toContain('variables');
  });

  it('binds a named and a positional template of two languages only when one mapping fits both', () => {
    const input = body({
      templates: [
        { name: 'order_ready', language: 'it' },
        { name: 'order_shipped', language: 'en' },
      ],
      variables: NAMED_VARIABLES,
    });
    expect(refused(input, 422).map((e) => e.field)).toEqual([
      'variables.body.1',
      'variables.body.2',
      'variables.body.3',
      'variables.header.order_id',
      'variables.body.first_name',
      'variables.body.order_id',
      'variables.button.0.order_code',
    ]);
  });
});
