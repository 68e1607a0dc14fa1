import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, templateSlots } from './template.js';
import { ProviderError } from './provider-error.js';
import {
  UnsupportedTemplateError,
  nextTemplatePageUrl,
  normaliseCategory,
  normaliseStatus,
  parseMetaTemplate,
  placeholdersIn,
  readMetaTemplate,
  readTemplatePage,
} from './template-catalog.js';

/** A Meta `message_templates` item with every component kind. */
const full = () => ({
  name: 'order_shipped',
  language: 'it',
  category: 'UTILITY',
  status: 'APPROVED',
  id: '1234567890',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Ordine {{1}}' },
    { type: 'BODY', text: 'Ciao {{1}}, il tuo ordine {{2}} è {{3}}. Totale {{2}}.', example: { body_text: [['a', 'b', 'c']] } },
    { type: 'FOOTER', text: 'Grazie' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'URL', text: 'Traccia', url: 'https://shop.example/track/{{1}}', example: ['https://shop.example/track/x'] },
        { type: 'QUICK_REPLY', text: 'Stop' },
        { type: 'PHONE_NUMBER', text: 'Chiama', phone_number: '+390212345678' },
        { type: 'COPY_CODE', example: 'SAVE10' },
        { type: 'OTP', otp_type: 'COPY_CODE', text: 'Copia codice' },
        { type: 'FLOW', text: 'Apri', flow_id: '1' },
        { type: 'CATALOG', text: 'Catalogo' },
      ],
    },
  ],
});

const minimal = (patch: Record<string, unknown> = {}) => ({
  name: 'hello',
  language: 'en_US',
  category: 'MARKETING',
  status: 'APPROVED',
  components: [{ type: 'BODY', text: 'Hello' }],
  ...patch,
});

describe('parseMetaTemplate', () => {
  it('reads every component kind', () => {
    expect(parseMetaTemplate(full())).toEqual({
      name: 'order_shipped',
      language: 'it',
      category: 'UTILITY',
      status: 'APPROVED',
      components: {
        header: { format: 'TEXT', text: 'Ordine {{1}}', placeholders: [1] },
        body: { text: 'Ciao {{1}}, il tuo ordine {{2}} è {{3}}. Totale {{2}}.', placeholders: [1, 2, 3] },
        footer: { text: 'Grazie' },
        buttons: [
          { index: 0, type: 'URL', text: 'Traccia', url: 'https://shop.example/track/{{1}}', placeholders: [1] },
          { index: 1, type: 'QUICK_REPLY', text: 'Stop', placeholders: [] },
          { index: 2, type: 'PHONE_NUMBER', text: 'Chiama', placeholders: [] },
          { index: 3, type: 'COPY_CODE', text: '', placeholders: [1] },
          { index: 4, type: 'OTP', text: 'Copia codice', placeholders: [1] },
          { index: 5, type: 'FLOW', text: 'Apri', placeholders: [] },
          { index: 6, type: 'OTHER', text: 'Catalogo', placeholders: [] },
        ],
      },
    });
  });

  it('yields the slots the bindings map', () => {
    expect(templateSlots(parseMetaTemplate(full())!)).toEqual(['header.1', 'body.1', 'body.2', 'body.3', 'button.0.1', 'button.3.1', 'button.4.1']);
  });

  it('reads a body-only template with no buttons', () => {
    expect(parseMetaTemplate(minimal())).toEqual({
      name: 'hello',
      language: 'en_US',
      category: 'MARKETING',
      status: 'APPROVED',
      components: { body: { text: 'Hello', placeholders: [] }, buttons: [] },
    });
  });

  it('keeps components in any order', () => {
    const t = parseMetaTemplate(
      minimal({
        components: [
          { type: 'FOOTER', text: 'f' },
          { type: 'BODY', text: 'b {{1}}' },
          { type: 'HEADER', format: 'IMAGE' },
        ],
      }),
    );
    expect(t?.components).toEqual({
      header: { format: 'IMAGE', placeholders: [] },
      body: { text: 'b {{1}}', placeholders: [1] },
      footer: { text: 'f' },
      buttons: [],
    });
  });

  it.each(['IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'])('reads a %s header without text or placeholders', (format) => {
    const t = parseMetaTemplate(
      minimal({
        components: [
          { type: 'HEADER', format, example: { header_handle: ['h'] } },
          { type: 'BODY', text: 'x' },
        ],
      }),
    );
    expect(t?.components.header).toEqual({ format, placeholders: [] });
  });

  it('reads a text header without placeholders', () => {
    const t = parseMetaTemplate(
      minimal({
        components: [
          { type: 'HEADER', format: 'TEXT', text: 'Hi' },
          { type: 'BODY', text: 'x' },
        ],
      }),
    );
    expect(t?.components.header).toEqual({ format: 'TEXT', text: 'Hi', placeholders: [] });
  });

  it('reads a URL button without a variable suffix', () => {
    const t = parseMetaTemplate(
      minimal({
        components: [
          { type: 'BODY', text: 'x' },
          { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Go', url: 'https://a.example' }] },
        ],
      }),
    );
    expect(t?.components.buttons).toEqual([{ index: 0, type: 'URL', text: 'Go', url: 'https://a.example', placeholders: [] }]);
  });

  it.each(TEMPLATE_STATUSES)('keeps status %s', (status) => {
    expect(parseMetaTemplate(minimal({ status }))?.status).toBe(status);
  });

  it.each(TEMPLATE_CATEGORIES)('keeps category %s, in either case', (category) => {
    expect(parseMetaTemplate(minimal({ category }))?.category).toBe(category);
    expect(parseMetaTemplate(minimal({ category: category.toLowerCase() }))?.category).toBe(category);
  });

  it('normalises lower-case statuses, component types, formats and button types', () => {
    const t = parseMetaTemplate(
      minimal({
        status: 'approved',
        components: [
          { type: 'header', format: 'text', text: 'H {{1}}' },
          { type: 'body', text: 'B' },
          { type: 'buttons', buttons: [{ type: 'url', text: 'u', url: 'https://x.example/{{1}}' }] },
        ],
      }),
    );
    expect(t).toMatchObject({ status: 'APPROVED', components: { header: { format: 'TEXT' }, buttons: [{ type: 'URL', placeholders: [1] }] } });
  });

  it('accepts parameter_format POSITIONAL', () => {
    expect(parseMetaTemplate(minimal({ parameter_format: 'POSITIONAL' }))).not.toBeNull();
    expect(parseMetaTemplate(minimal({ parameter_format: 'POSITIONAL' }))!.components.parameterFormat).toBeUndefined();
  });
});

/** A NAMED template as WhatsApp Manager makes it (Meta's template components page: *_named_params examples). */
const named = (patch: Record<string, unknown> = {}) => ({
  name: 'order_ready',
  language: 'it',
  category: 'UTILITY',
  status: 'APPROVED',
  id: '1234567891',
  parameter_format: 'NAMED',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Ordine {{order_id}}', example: { header_text_named_params: [{ param_name: 'order_id', example: 'ORD-1' }] } },
    {
      type: 'BODY',
      text: 'Ciao {{first_name}}, il tuo ordine {{order_id}} è {{status}}. Grazie {{first_name}}!',
      example: {
        body_text_named_params: [
          { param_name: 'first_name', example: 'Maria' },
          { param_name: 'order_id', example: 'ORD-1' },
          { param_name: 'status', example: 'pronto' },
        ],
      },
    },
    { type: 'FOOTER', text: 'Passweb Shop' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'URL', text: 'Vedi', url: 'https://shop.example/ordini/{{order_code}}' },
        { type: 'QUICK_REPLY', text: 'Stop promotions' },
        { type: 'COPY_CODE', example: 'SAVE10' },
      ],
    },
  ],
  ...patch,
});

describe('parseMetaTemplate: an authentication template as Meta lists it', () => {
  // Created with { type: OTP, otp_type: COPY_CODE }, listed back as a URL button (Meta's copy-code
  // authentication templates page: "upon creation the button type will be set to URL").
  const listed = {
    name: 'login_otp',
    language: 'en',
    category: 'AUTHENTICATION',
    status: 'APPROVED',
    id: '1180000000000702',
    parameter_format: 'POSITIONAL',
    components: [
      { type: 'BODY', text: '*{{1}}* is your verification code. For your security, do not share this code.', add_security_recommendation: true },
      { type: 'FOOTER', text: 'This code expires in 10 minutes.', code_expiration_minutes: 10 },
      {
        type: 'BUTTONS',
        buttons: [
          {
            type: 'URL',
            text: 'Copy code',
            url: 'https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}',
            example: ['https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp482913'],
          },
        ],
      },
    ],
  };

  it('reads the copy-code button as a URL button whose {{1}} takes the code', () => {
    const template = parseMetaTemplate(listed)!;
    expect(template).toMatchObject({ category: 'AUTHENTICATION', status: 'APPROVED' });
    expect(template.components.body?.placeholders).toEqual([1]);
    expect(template.components.buttons).toEqual([
      { index: 0, type: 'URL', text: 'Copy code', url: 'https://www.whatsapp.com/otp/code/?otp_type=COPY_CODE&code=otp{{1}}', placeholders: [1] },
    ]);
    expect(templateSlots(template)).toEqual(['body.1', 'button.0.1']);
  });
});

describe('parseMetaTemplate with named parameters', () => {
  it("keeps the format and each component's names, in order of first appearance, once each", () => {
    const t = parseMetaTemplate(named())!;
    expect(t.components.parameterFormat).toBe('NAMED');
    expect(t.components.header).toEqual({ format: 'TEXT', text: 'Ordine {{order_id}}', placeholders: ['order_id'] });
    expect(t.components.body.placeholders).toEqual(['first_name', 'order_id', 'status']);
    expect(t.components.buttons).toEqual([
      { index: 0, type: 'URL', text: 'Vedi', url: 'https://shop.example/ordini/{{order_code}}', placeholders: ['order_code'] },
      { index: 1, type: 'QUICK_REPLY', text: 'Stop promotions', placeholders: [] },
      { index: 2, type: 'COPY_CODE', text: '', placeholders: [1] },
    ]);
    expect(templateSlots(t)).toEqual(['header.order_id', 'body.first_name', 'body.order_id', 'body.status', 'button.0.order_code', 'button.2.1']);
  });

  it('reads parameter_format in any case', () => {
    expect(parseMetaTemplate(named({ parameter_format: 'named' }))!.components.parameterFormat).toBe('NAMED');
  });

  it('reads a NAMED template whose URL button keeps a positional suffix', () => {
    const t = parseMetaTemplate(
      named({
        components: [
          { type: 'BODY', text: 'Ciao {{first_name}}' },
          { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'u', url: 'https://x.example/{{1}}' }] },
        ],
      }),
    )!;
    expect(templateSlots(t)).toEqual(['body.first_name', 'button.0.1']);
  });

  it('reads a NAMED template without any placeholder', () => {
    expect(parseMetaTemplate(named({ components: [{ type: 'BODY', text: 'Ciao!' }] }))).toMatchObject({
      components: { parameterFormat: 'NAMED', body: { placeholders: [] } },
    });
  });
});

describe('readMetaTemplate leaves out what it cannot send, with a reason', () => {
  const body = (text: string) => ({ components: [{ type: 'BODY', text }] });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown parameter_format', { parameter_format: 'MIXED' }, /unknown parameter_format "MIXED"/],
    ['a named body parameter in a positional template', body('Hi {{first_name}}'), /named parameter \{\{first_name\}\} in a POSITIONAL template/],
    [
      'a positional body parameter in a named template',
      { parameter_format: 'NAMED', ...body('Hi {{1}}') },
      /positional parameter \{\{1\}\} in a NAMED template/,
    ],
    [
      'a named header mixing in a number',
      {
        parameter_format: 'NAMED',
        components: [
          { type: 'HEADER', format: 'TEXT', text: '{{1}}' },
          { type: 'BODY', text: 'x' },
        ],
      },
      /positional parameter/,
    ],
    ['an upper-case name', { parameter_format: 'NAMED', ...body('Hi {{First_Name}}') }, /bad placeholder \{\{First_Name\}\}/],
    ['a name with a space', { parameter_format: 'NAMED', ...body('Hi {{first name}}') }, /bad placeholder/],
    ['a name starting with a digit', { parameter_format: 'NAMED', ...body('Hi {{1st}}') }, /bad placeholder/],
    [
      'a footer with a named placeholder',
      {
        parameter_format: 'NAMED',
        components: [
          { type: 'BODY', text: 'x' },
          { type: 'FOOTER', text: '{{x}}' },
        ],
      },
      /FOOTER with placeholders/,
    ],
    [
      'a named header parameter',
      {
        components: [
          { type: 'HEADER', format: 'TEXT', text: '{{order}}' },
          { type: 'BODY', text: 'x' },
        ],
      },
      /named parameter/,
    ],
    [
      'a named URL suffix',
      {
        components: [
          { type: 'BODY', text: 'x' },
          { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'u', url: 'https://a/{{id}}' }] },
        ],
      },
      /named parameter/,
    ],
    ['placeholder {{0}}', body('x {{0}}'), /bad placeholder \{\{0\}\}/],
    ['an empty placeholder', body('x {{}}'), /bad placeholder/],
    ['a placeholder with punctuation', body('x {{1.5}}'), /bad placeholder/],
    ['an unknown status', { status: 'ARCHIVED' }, /unknown status "ARCHIVED"/],
    ['a missing status', { status: undefined }, /unknown status missing/],
    ['an unknown category', { category: 'SERVICE' }, /unknown category "SERVICE"/],
    ['a non-string category', { category: 3 }, /unknown category 3/],
    ['no components array', { components: 'BODY' }, /components is not an array/],
    ['no body', { components: [{ type: 'FOOTER', text: 'f' }] }, /no BODY component/],
    ['an empty body', body('  '), /missing BODY text/],
    [
      'two bodies',
      {
        components: [
          { type: 'BODY', text: 'a' },
          { type: 'BODY', text: 'b' },
        ],
      },
      /more than one BODY/,
    ],
    [
      'two headers',
      {
        components: [
          { type: 'HEADER', format: 'IMAGE' },
          { type: 'HEADER', format: 'IMAGE' },
          { type: 'BODY', text: 'b' },
        ],
      },
      /more than one HEADER/,
    ],
    [
      'a carousel',
      {
        components: [
          { type: 'BODY', text: 'b' },
          { type: 'CAROUSEL', cards: [] },
        ],
      },
      /unsupported component "CAROUSEL"/,
    ],
    ['a component without type', { components: [{ type: 'BODY', text: 'b' }, { text: 'x' }] }, /unsupported component missing/],
    ['a component that is not an object', { components: [{ type: 'BODY', text: 'b' }, 'x'] }, /component is not an object/],
    [
      'an unknown header format',
      {
        components: [
          { type: 'HEADER', format: 'PRODUCT' },
          { type: 'BODY', text: 'b' },
        ],
      },
      /unsupported HEADER format "PRODUCT"/,
    ],
    [
      'a text header without text',
      {
        components: [
          { type: 'HEADER', format: 'TEXT' },
          { type: 'BODY', text: 'b' },
        ],
      },
      /missing HEADER text/,
    ],
    [
      'a footer with a placeholder',
      {
        components: [
          { type: 'BODY', text: 'b' },
          { type: 'FOOTER', text: '{{1}}' },
        ],
      },
      /FOOTER with placeholders/,
    ],
    ['a footer without text', { components: [{ type: 'BODY', text: 'b' }, { type: 'FOOTER' }] }, /missing FOOTER text/],
    ['buttons without a list', { components: [{ type: 'BODY', text: 'b' }, { type: 'BUTTONS' }] }, /BUTTONS without a buttons array/],
    [
      'a button that is not an object',
      {
        components: [
          { type: 'BODY', text: 'b' },
          { type: 'BUTTONS', buttons: [null] },
        ],
      },
      /button 0 is not an object/,
    ],
    [
      'a URL button without url',
      {
        components: [
          { type: 'BODY', text: 'b' },
          {
            type: 'BUTTONS',
            buttons: [
              { type: 'QUICK_REPLY', text: 'q' },
              { type: 'URL', text: 'u' },
            ],
          },
        ],
      },
      /missing button 1 url/,
    ],
  ])('%s', (_label, patch, reason) => {
    const reading = readMetaTemplate(minimal(patch));
    expect(reading.template).toBeNull();
    expect(reading.reason).toMatch(reason);
    expect(reading.reason).toMatch(/^hello\/en_US: /);
    expect(parseMetaTemplate(minimal(patch))).toBeNull();
  });

  it.each<[string, unknown, RegExp]>([
    ['null', null, /template is not an object/],
    ['an array', [], /template is not an object/],
    ['a string', 'hello', /template is not an object/],
    ['no name', { ...minimal(), name: undefined }, /missing name/],
    ['an empty name', { ...minimal(), name: '' }, /missing name/],
    ['no language', { ...minimal(), language: undefined }, /missing language/],
    ['a numeric language', { ...minimal(), language: 7 }, /missing language/],
  ])('an item that is %s', (_label, json, reason) => {
    expect(readMetaTemplate(json)).toEqual({ template: null, reason: expect.stringMatching(reason) });
  });

  it('gives no reason for a template it keeps', () => {
    expect(readMetaTemplate(full()).reason).toBeNull();
  });
});

describe('placeholdersIn', () => {
  it('lists positional numbers ascending, once each', () => {
    expect(placeholdersIn('{{3}} {{1}} {{2}} {{1}}')).toEqual([1, 2, 3]);
    expect(placeholdersIn('{{10}} {{9}}')).toEqual([9, 10]);
    expect(placeholdersIn('no placeholders, { {1} }, {1}')).toEqual([]);
    expect(placeholdersIn('')).toEqual([]);
  });

  it('tolerates spaces inside the braces', () => {
    expect(placeholdersIn('{{ 1 }}')).toEqual([1]);
  });

  it('lists names in order of first appearance for NAMED, and refuses numbers there', () => {
    expect(placeholdersIn('{{b}} {{a}} {{b}} {{ c_1 }}', 'NAMED')).toEqual(['b', 'a', 'c_1']);
    expect(placeholdersIn('{{_x}}', 'NAMED')).toEqual(['_x']);
    expect(() => placeholdersIn('{{1}}', 'NAMED')).toThrow(/positional parameter \{\{1\}\} in a NAMED template/);
    expect(() => placeholdersIn('{{Name}}', 'NAMED')).toThrow(/bad placeholder/);
  });

  it('throws UnsupportedTemplateError on named or malformed placeholders', () => {
    expect(() => placeholdersIn('{{name}}')).toThrow(UnsupportedTemplateError);
    expect(() => placeholdersIn('{{01}}')).toThrow(/bad placeholder/);
    expect(() => placeholdersIn('{{1000}}')).toThrow(/bad placeholder/);
    expect(() => placeholdersIn('{{-1}}')).toThrow(/bad placeholder/);
  });
});

describe('normalisers', () => {
  it('upper-case known values and refuse the rest', () => {
    expect(normaliseCategory('utility')).toBe('UTILITY');
    expect(normaliseCategory(' Marketing ')).toBe('MARKETING');
    expect(normaliseCategory('service')).toBeNull();
    expect(normaliseCategory(undefined)).toBeNull();
    expect(normaliseStatus('paused')).toBe('PAUSED');
    expect(normaliseStatus('pending_deletion')).toBe('PENDING_DELETION');
    expect(normaliseStatus('FLAGGED')).toBeNull();
    expect(normaliseStatus(null)).toBeNull();
  });
});

describe('readTemplatePage', () => {
  it('reads data, next and the after cursor', () => {
    const page = readTemplatePage({
      data: [{ name: 'a' }],
      paging: { cursors: { before: 'B', after: 'A' }, next: 'https://graph.facebook.com/v23.0/1/message_templates?after=A' },
    });
    expect(page).toEqual({ data: [{ name: 'a' }], next: 'https://graph.facebook.com/v23.0/1/message_templates?after=A', after: 'A' });
  });

  it('the last page has no next', () => {
    expect(readTemplatePage({ data: [], paging: { cursors: { before: 'B', after: 'A' } } })).toEqual({ data: [], next: null, after: 'A' });
    expect(readTemplatePage({ data: [] })).toEqual({ data: [], next: null, after: null });
    expect(readTemplatePage({ data: [], paging: { next: '', cursors: 'x' } })).toEqual({ data: [], next: null, after: null });
    expect(readTemplatePage({ data: [], paging: [] })).toEqual({ data: [], next: null, after: null });
  });

  it.each([null, [], 'x', {}, { data: {} }, { data: null }])('refuses %p as a permanent error', (json) => {
    expect(() => readTemplatePage(json)).toThrow(ProviderError);
    try {
      readTemplatePage(json);
    } catch (error) {
      expect(error).toMatchObject({ kind: 'permanent', details: 'data is not an array' });
    }
  });
});

describe('nextTemplatePageUrl', () => {
  const root = new URL('http://127.0.0.1:4000/v23.0/');
  const first = new URL('http://127.0.0.1:4000/v23.0/200/message_templates?limit=2&fields=name');
  const page = (next: string | null, after: string | null = null) => ({ data: [], next, after });

  it('is null after the last page', () => {
    expect(nextTemplatePageUrl(page(null, 'A'), first, root)).toBeNull();
  });

  it('follows next under the configured root, without an echoed token', () => {
    const next = nextTemplatePageUrl(page('http://127.0.0.1:4000/v23.0/200/message_templates?limit=2&after=A&access_token=EAAsecret'), first, root);
    expect(next?.href).toBe('http://127.0.0.1:4000/v23.0/200/message_templates?limit=2&after=A');
  });

  it('replays the after cursor on our URL when next points elsewhere', () => {
    for (const elsewhere of [
      'https://graph.facebook.com/v23.0/200/message_templates?after=A',
      'http://127.0.0.1:4001/v23.0/200/message_templates?after=A',
      'http://127.0.0.1:4000/v22.0/200/message_templates?after=A',
      'not a url',
    ]) {
      expect(nextTemplatePageUrl(page(elsewhere, 'A'), first, root)?.href).toBe(
        'http://127.0.0.1:4000/v23.0/200/message_templates?limit=2&fields=name&after=A',
      );
    }
  });

  it('refuses to leave the root without a cursor', () => {
    expect(() => nextTemplatePageUrl(page('https://evil.example/next'), first, root)).toThrow(/leaves the configured base URL/);
  });

  it('replaces an after cursor already in the first URL', () => {
    const withAfter = new URL(`${first.href}&after=OLD`);
    expect(nextTemplatePageUrl(page('https://graph.facebook.com/x', 'NEW'), withAfter, root)?.searchParams.getAll('after')).toEqual(['NEW']);
  });
});
