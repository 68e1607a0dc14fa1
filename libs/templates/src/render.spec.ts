import type { Binding } from './binding.js';
import { renderParameters, textOf, urlSuffix } from './render.js';
import type { Template, TemplateComponents } from '#sigillo/whatsapp';

function template(components: Partial<TemplateComponents> = {}): Template {
  return {
    name: 'order_shipped',
    language: 'it',
    category: 'UTILITY',
    status: 'APPROVED',
    components: { body: { text: 'Ciao {{1}}, ordine {{2}}: {{3}}', placeholders: [1, 2, 3] }, buttons: [], ...components },
  };
}

function binding(variables: Binding['variables'], extra: Partial<Binding> = {}): Binding {
  return { eventType: 'order.status_changed', templates: [{ name: 'order_shipped', language: 'it' }], variables, ...extra };
}

const BODY_VARIABLES: Binding['variables'] = { 'body.1': 'firstName', 'body.2': 'documentCode', 'body.3': 'orderTotal' };
const DATA = { firstName: 'Anna', documentCode: 'ORD-42', orderTotal: '129.90', siteUrl: 'https://shop.example.it/orders/42' };

describe('renderParameters: body', () => {
  it('fills {{1}}..{{n}} in order', () => {
    expect(renderParameters(template(), binding(BODY_VARIABLES), DATA)).toEqual({
      ok: true,
      parameters: { body: ['Anna', 'ORD-42', '129.90'], buttons: [] },
    });
  });

  it('orders by placeholder number, not by the order the template lists them', () => {
    const t = template({ body: { text: '{{2}} {{1}}', placeholders: [2, 1] } });
    const result = renderParameters(t, binding({ 'body.1': 'firstName', 'body.2': 'documentCode' }), DATA);
    expect(result).toEqual({ ok: true, parameters: { body: ['Anna', 'ORD-42'], buttons: [] } });
  });

  it('renders a template without placeholders to an empty body', () => {
    const t = template({ body: { text: 'Grazie!', placeholders: [] } });
    expect(renderParameters(t, binding({}), {})).toEqual({ ok: true, parameters: { body: [], buttons: [] } });
  });

  it('uses the same variable in two placeholders', () => {
    const t = template({ body: { text: '{{1}} {{2}}', placeholders: [1, 2] } });
    const result = renderParameters(t, binding({ 'body.1': 'firstName', 'body.2': 'firstName' }), DATA);
    expect(result.ok && result.parameters.body).toEqual(['Anna', 'Anna']);
  });

  it('writes numbers as given, without locale formatting', () => {
    const t = template({ body: { text: '{{1}} {{2}} {{3}}', placeholders: [1, 2, 3] } });
    const result = renderParameters(t, binding({ 'body.1': 'itemCount', 'body.2': 'cartItemCount', 'body.3': 'orderTotal' }), {
      itemCount: 1234567,
      cartItemCount: 0,
      orderTotal: 12.5,
    });
    expect(result.ok && result.parameters.body).toEqual(['1234567', '0', '12.5']);
  });

  it('turns newlines and tabs into spaces and collapses runs of spaces, as Meta requires', () => {
    const t = template({ body: { text: '{{1}}', placeholders: [1] } });
    const result = renderParameters(t, binding({ 'body.1': 'firstName' }), { firstName: '  Riga uno\r\nriga\tdue      fine \n' });
    expect(result.ok && result.parameters.body).toEqual(['Riga uno riga due fine']);
  });
});

describe('renderParameters: missing values', () => {
  it('lists every mapped variable without a value, with its slot', () => {
    const result = renderParameters(template(), binding(BODY_VARIABLES), { firstName: 'Anna' });
    expect(result).toEqual({ ok: false, missing: ['body.2:documentCode', 'body.3:orderTotal'] });
  });

  it.each([[''], ['   '], ['\n\t'], [Number.NaN], [Number.POSITIVE_INFINITY], [undefined]])('counts %j as missing', (value) => {
    const t = template({ body: { text: '{{1}}', placeholders: [1] } });
    expect(renderParameters(t, binding({ 'body.1': 'firstName' }), { firstName: value })).toEqual({ ok: false, missing: ['body.1:firstName'] });
  });

  it('lists a placeholder the binding does not map', () => {
    const result = renderParameters(template(), binding({ 'body.1': 'firstName', 'body.2': 'documentCode' }), DATA);
    expect(result).toEqual({ ok: false, missing: ['body.3'] });
  });

  it('ignores mapped variables the template does not use', () => {
    const t = template({ body: { text: '{{1}}', placeholders: [1] } });
    const result = renderParameters(t, binding({ 'body.1': 'firstName', 'body.2': 'lastName' }), DATA);
    expect(result).toEqual({ ok: true, parameters: { body: ['Anna'], buttons: [] } });
  });
});

describe('renderParameters: header', () => {
  it('fills a text header placeholder', () => {
    const t = template({ header: { format: 'TEXT', text: 'Ordine {{1}}', placeholders: [1] } });
    const result = renderParameters(t, binding({ ...BODY_VARIABLES, 'header.1': 'documentCode' }), DATA);
    expect(result.ok && result.parameters.header).toEqual({ type: 'text', text: 'ORD-42' });
  });

  it('adds nothing for a text header without placeholders', () => {
    const t = template({ header: { format: 'TEXT', text: 'Ordine spedito', placeholders: [] } });
    const result = renderParameters(t, binding(BODY_VARIABLES), DATA);
    expect(result.ok && result.parameters).toEqual({ body: ['Anna', 'ORD-42', '129.90'], buttons: [] });
  });

  it('reports an unmapped or empty text header', () => {
    const t = template({ header: { format: 'TEXT', text: 'Ordine {{1}}', placeholders: [1] } });
    expect(renderParameters(t, binding(BODY_VARIABLES), DATA)).toEqual({ ok: false, missing: ['header.1'] });
    expect(renderParameters(t, binding({ ...BODY_VARIABLES, 'header.1': 'lastName' }), DATA)).toEqual({ ok: false, missing: ['header.1:lastName'] });
  });

  it.each([
    ['IMAGE', 'image'],
    ['VIDEO', 'video'],
  ] as const)('links a %s header to the binding media', (format, type) => {
    const t = template({ header: { format, placeholders: [] } });
    const result = renderParameters(t, binding(BODY_VARIABLES, { media: { link: 'https://cdn.example.it/a', filename: 'ignored.pdf' } }), DATA);
    expect(result.ok && result.parameters.header).toEqual({ type, link: 'https://cdn.example.it/a' });
  });

  it('gives a document header its file name', () => {
    const t = template({ header: { format: 'DOCUMENT', placeholders: [] } });
    const withName = renderParameters(t, binding(BODY_VARIABLES, { media: { link: 'https://cdn.example.it/f.pdf', filename: 'Fattura.pdf' } }), DATA);
    expect(withName.ok && withName.parameters.header).toEqual({ type: 'document', link: 'https://cdn.example.it/f.pdf', filename: 'Fattura.pdf' });
    const withoutName = renderParameters(t, binding(BODY_VARIABLES, { media: { link: 'https://cdn.example.it/f.pdf' } }), DATA);
    expect(withoutName.ok && withoutName.parameters.header).toEqual({ type: 'document', link: 'https://cdn.example.it/f.pdf' });
  });

  it('reports a media header without a link', () => {
    const t = template({ header: { format: 'IMAGE', placeholders: [] } });
    expect(renderParameters(t, binding(BODY_VARIABLES), DATA)).toEqual({ ok: false, missing: ['header.media'] });
    expect(renderParameters(t, binding(BODY_VARIABLES, { media: { link: '' } }), DATA)).toEqual({ ok: false, missing: ['header.media'] });
  });

  it('reports a location header, which no event can fill', () => {
    const t = template({ header: { format: 'LOCATION', placeholders: [] } });
    expect(renderParameters(t, binding(BODY_VARIABLES), DATA)).toEqual({ ok: false, missing: ['header.location'] });
  });
});

describe('renderParameters: buttons', () => {
  const urlButton = { index: 0, type: 'URL' as const, text: 'Vedi ordine', url: 'https://shop.example.it/{{1}}', placeholders: [1] };

  it('fills a URL button with the part of the link after its fixed prefix', () => {
    const t = template({ buttons: [urlButton] });
    const result = renderParameters(t, binding({ ...BODY_VARIABLES, 'button.0.1': 'siteUrl' }), DATA);
    expect(result.ok && result.parameters.buttons).toEqual([{ index: 0, subType: 'url', parameters: ['orders/42'] }]);
  });

  it('passes a suffix through, encoding only what cannot be in a URL', () => {
    const t = template({ buttons: [urlButton] });
    const result = renderParameters(t, binding({ ...BODY_VARIABLES, 'button.0.1': 'documentCode' }), { ...DATA, documentCode: 'ordini/42?x=1&y=%20 è' });
    expect(result.ok && result.parameters.buttons[0].parameters).toEqual(['ordini/42?x=1&y=%20%20%C3%A8']);
  });

  it('reports a link that is only the fixed part of the URL', () => {
    const t = template({ buttons: [urlButton] });
    const result = renderParameters(t, binding({ ...BODY_VARIABLES, 'button.0.1': 'siteUrl' }), { ...DATA, siteUrl: 'https://shop.example.it/' });
    expect(result).toEqual({ ok: false, missing: ['button.0.1:siteUrl'] });
  });

  it('fills quick-reply payloads and copy codes, and skips buttons without placeholders', () => {
    const t = template({
      buttons: [
        { index: 0, type: 'PHONE_NUMBER', text: 'Chiama', placeholders: [] },
        { index: 1, type: 'QUICK_REPLY', text: 'Stop', placeholders: [1] },
        { index: 2, type: 'COPY_CODE', text: 'Copia', placeholders: [1] },
        { index: 3, type: 'URL', text: 'Sito', url: 'https://shop.example.it', placeholders: [] },
      ],
    });
    const result = renderParameters(t, binding({ ...BODY_VARIABLES, 'button.1.1': 'documentCode', 'button.2.1': 'documentCode' }), DATA);
    expect(result.ok && result.parameters.buttons).toEqual([
      { index: 1, subType: 'quick_reply', parameters: ['ORD-42'] },
      { index: 2, subType: 'copy_code', parameters: ['ORD-42'] },
    ]);
  });

  it.each(['OTP', 'FLOW', 'OTHER'] as const)('reports a %s button with placeholders, which events cannot fill', (type) => {
    const t = template({ buttons: [{ index: 0, type, text: 'x', placeholders: [1] }] });
    expect(renderParameters(t, binding({ ...BODY_VARIABLES, 'button.0.1': 'documentCode' }), DATA)).toEqual({ ok: false, missing: ['button.0.1'] });
  });

  it('reports an unmapped button placeholder together with body gaps', () => {
    const t = template({ buttons: [urlButton] });
    expect(renderParameters(t, binding({ 'body.1': 'firstName', 'body.2': 'documentCode' }), { firstName: 'Anna' })).toEqual({
      ok: false,
      missing: ['body.2:documentCode', 'body.3', 'button.0.1'],
    });
  });
});

describe('textOf', () => {
  it.each([
    ['a\nb', 'a b'],
    ['a     b', 'a b'],
    [' a ', 'a'],
    [0, '0'],
    [-1.5, '-1.5'],
  ])('%j → %j', (input, expected) => {
    expect(textOf(input)).toBe(expected);
  });
});

describe('urlSuffix', () => {
  it.each([
    ['https://x.it/{{1}}', 'https://x.it/a/b', 'a/b'],
    ['https://x.it/{{1}}', 'https://y.it/a', 'https://y.it/a'],
    ['https://x.it/o?id={{1}}', '42', '42'],
    [undefined, 'a b', 'a%20b'],
    ['https://x.it/{{1}}', 'a"b<c>', 'a%22b%3Cc%3E'],
    ['https://x.it/{{1}}', '\uD800x', '%EF%BF%BDx'],
    ['https://x.it/{{1}}', '😀', '%F0%9F%98%80'],
  ])('%s + %j → %j', (url, value, expected) => {
    expect(urlSuffix(url, value)).toBe(expected);
  });
});

describe('renderParameters: named parameters', () => {
  const named: Template = {
    name: 'order_ready',
    language: 'it',
    category: 'UTILITY',
    status: 'APPROVED',
    components: {
      parameterFormat: 'NAMED',
      header: { format: 'TEXT', text: 'Ordine {{order_id}}', placeholders: ['order_id'] },
      body: { text: 'Ciao {{first_name}}, ordine {{order_id}}: {{status}}', placeholders: ['first_name', 'order_id', 'status'] },
      buttons: [
        { index: 0, type: 'URL', text: 'Vedi', url: 'https://shop.example.it/orders/{{order_code}}', placeholders: ['order_code'] },
        { index: 1, type: 'QUICK_REPLY', text: 'Stop promotions', placeholders: [] },
        { index: 2, type: 'COPY_CODE', text: '', placeholders: [1] },
      ],
    },
  };
  const variables: Binding['variables'] = {
    'header.order_id': 'documentCode',
    'body.first_name': 'firstName',
    'body.order_id': 'documentCode',
    'body.status': 'newStatus',
    'button.0.order_code': 'siteUrl',
    'button.2.1': 'documentCode',
  };
  const data = { ...DATA, newStatus: 'pronto' };

  it("names every text value, in the header, the body and a URL button, in the template's order", () => {
    expect(renderParameters(named, binding(variables), data)).toEqual({
      ok: true,
      parameters: {
        header: { type: 'text', text: 'ORD-42', name: 'order_id' },
        body: [
          { name: 'first_name', text: 'Anna' },
          { name: 'order_id', text: 'ORD-42' },
          { name: 'status', text: 'pronto' },
        ],
        buttons: [
          // The link's fixed part is cut off as for a positional suffix.
          { index: 0, subType: 'url', parameters: [{ name: 'order_code', text: '42' }] },
          { index: 2, subType: 'copy_code', parameters: ['ORD-42'] },
        ],
      },
    });
  });

  it('keeps a positional URL suffix of a NAMED template unnamed', () => {
    const t: Template = {
      ...named,
      components: {
        ...named.components,
        header: undefined,
        buttons: [{ index: 0, type: 'URL', text: 'u', url: 'https://shop.example.it/orders/{{1}}', placeholders: [1] }],
      },
    };
    const result = renderParameters(
      t,
      binding({ 'body.first_name': 'firstName', 'body.order_id': 'documentCode', 'body.status': 'newStatus', 'button.0.1': 'siteUrl' }),
      data,
    );
    expect(result.ok && result.parameters.buttons).toEqual([{ index: 0, subType: 'url', parameters: ['42'] }]);
  });

  it('names the missing named slots and variables', () => {
    const { 'body.status': _status, ...rest } = variables;
    expect(renderParameters(named, binding(rest), { ...data, firstName: '  ' })).toEqual({ ok: false, missing: ['body.first_name:firstName', 'body.status'] });
  });
});
