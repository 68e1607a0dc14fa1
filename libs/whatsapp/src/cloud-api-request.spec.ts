import { buildTemplateMessageBody, parseSendResponse } from './cloud-api-request.js';
import { ProviderError } from './provider-error.js';
import type { TemplateSend } from './whatsapp-provider.js';

const send = (patch: Partial<TemplateSend> = {}): TemplateSend => ({
  to: '+393331234567',
  template: { name: 'order_shipped', language: 'it' },
  parameters: { body: [], buttons: [] },
  ...patch,
});

describe('buildTemplateMessageBody', () => {
  it("builds Meta's exact body for a template without parameters", () => {
    expect(buildTemplateMessageBody(send())).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '393331234567',
      type: 'template',
      template: { name: 'order_shipped', language: { code: 'it' }, components: [] },
    });
  });

  it('puts header, body and every button kind in order', () => {
    const body = buildTemplateMessageBody(
      send({
        parameters: {
          header: { type: 'text', text: 'A-17' },
          body: ['Mario', 'A-17', '12.5'],
          buttons: [
            { index: 0, subType: 'url', parameters: ['track/A-17'] },
            { index: 1, subType: 'quick_reply', parameters: ['STOP'] },
            { index: 2, subType: 'copy_code', parameters: ['SAVE10'] },
          ],
        },
        bizOpaqueCallbackData: 'evt_1',
      }),
    );
    expect(body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '393331234567',
      type: 'template',
      template: {
        name: 'order_shipped',
        language: { code: 'it' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: 'A-17' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Mario' },
              { type: 'text', text: 'A-17' },
              { type: 'text', text: '12.5' },
            ],
          },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'track/A-17' }] },
          { type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'STOP' }] },
          { type: 'button', sub_type: 'copy_code', index: '2', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }] },
        ],
      },
      biz_opaque_callback_data: 'evt_1',
    });
  });

  it.each([
    [
      { type: 'image', link: 'https://cdn.example/a.png' },
      { type: 'image', image: { link: 'https://cdn.example/a.png' } },
    ],
    [
      { type: 'video', link: 'https://cdn.example/a.mp4' },
      { type: 'video', video: { link: 'https://cdn.example/a.mp4' } },
    ],
    [
      { type: 'document', link: 'https://cdn.example/a.pdf' },
      { type: 'document', document: { link: 'https://cdn.example/a.pdf' } },
    ],
    [
      { type: 'document', link: 'https://cdn.example/a.pdf', filename: 'fattura.pdf' },
      { type: 'document', document: { link: 'https://cdn.example/a.pdf', filename: 'fattura.pdf' } },
    ],
  ] as const)('media header %j', (header, parameter) => {
    const body = buildTemplateMessageBody(send({ parameters: { header, body: [], buttons: [] } }));
    expect(body.template.components).toEqual([{ type: 'header', parameters: [parameter] }]);
  });

  it.each([
    [
      { type: 'image', link: 'https://cdn.example/a.png' },
      { type: 'image', image: { id: '1003383421387256' } },
    ],
    [
      { type: 'video', link: 'https://cdn.example/a.mp4' },
      { type: 'video', video: { id: '1003383421387256' } },
    ],
    [
      { type: 'document', link: 'https://cdn.example/a.pdf', filename: 'fattura.pdf' },
      { type: 'document', document: { id: '1003383421387256', filename: 'fattura.pdf' } },
    ],
  ] as const)('media header %j by an uploaded id instead of its link', (header, parameter) => {
    const body = buildTemplateMessageBody(send({ parameters: { header, body: [], buttons: [] }, headerMediaId: '1003383421387256' }));
    expect(body.template.components).toEqual([{ type: 'header', parameters: [parameter] }]);
  });

  it('ignores a media id for a text header', () => {
    const body = buildTemplateMessageBody(send({ parameters: { header: { type: 'text', text: 'ORD-1' }, body: [], buttons: [] }, headerMediaId: '1' }));
    expect(body.template.components).toEqual([{ type: 'header', parameters: [{ type: 'text', text: 'ORD-1' }] }]);
  });

  it('drops a filename on non-document media', () => {
    const body = buildTemplateMessageBody(
      send({ parameters: { header: { type: 'image', link: 'https://x/a.png', filename: 'a.png' }, body: [], buttons: [] } }),
    );
    expect(body.template.components).toEqual([{ type: 'header', parameters: [{ type: 'image', image: { link: 'https://x/a.png' } }] }]);
  });

  it('leaves out components without parameters', () => {
    const body = buildTemplateMessageBody(
      send({
        parameters: {
          body: [],
          buttons: [
            { index: 0, subType: 'quick_reply', parameters: [] },
            { index: 1, subType: 'url', parameters: ['x'] },
          ],
        },
      }),
    );
    expect(body.template.components).toEqual([{ type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'x' }] }]);
  });

  it("keeps the body parameters' order and text as given", () => {
    const body = buildTemplateMessageBody(send({ parameters: { body: ['b', 'a', ' c '], buttons: [] } }));
    expect(body.template.components).toEqual([
      {
        type: 'body',
        parameters: [
          { type: 'text', text: 'b' },
          { type: 'text', text: 'a' },
          { type: 'text', text: ' c ' },
        ],
      },
    ]);
  });

  it('includes biz_opaque_callback_data only when given, even empty', () => {
    expect('biz_opaque_callback_data' in buildTemplateMessageBody(send())).toBe(false);
    expect(buildTemplateMessageBody(send({ bizOpaqueCallbackData: '' })).biz_opaque_callback_data).toBe('');
  });

  it('sends the language code as given', () => {
    expect(buildTemplateMessageBody(send({ template: { name: 'x', language: 'en_US' } })).template.language).toEqual({ code: 'en_US' });
  });

  it.each(['+12345678', '+123456789012345'])('accepts E.164 %s', (to) => {
    expect(buildTemplateMessageBody(send({ to })).to).toBe(to.slice(1));
  });

  it.each(['US.13491208655302741918', 'IT.1502576394655843', 'US.ENT.11815799212886844830'])(
    'sends to business-scoped user id %s by recipient, never to',
    (id) => {
      const body = buildTemplateMessageBody(send({ to: id }));
      expect(body).toMatchObject({ recipient: id, recipient_type: 'individual' });
      expect(body).not.toHaveProperty('to');
    },
  );

  it('keeps contacts[].user_id of the answer, and reads an answer by BSUID that has no wa_id', () => {
    expect(
      parseSendResponse({ messages: [{ id: 'wamid.x' }], contacts: [{ input: '393331234567', wa_id: '393331234567', user_id: 'IT.1502576394655843' }] }),
    ).toEqual({
      wamid: 'wamid.x',
      waId: '393331234567',
      userId: 'IT.1502576394655843',
    });
    expect(parseSendResponse({ messages: [{ id: 'wamid.x' }], contacts: [{ input: 'IT.1', user_id: 'IT.1' }] })).toEqual({
      wamid: 'wamid.x',
      waId: null,
      userId: 'IT.1',
    });
    // Unreadable: left out, the send still stands.
    expect(parseSendResponse({ messages: [{ id: 'wamid.x' }], contacts: [{ wa_id: '1', user_id: 42 }] })).toEqual({ wamid: 'wamid.x', waId: '1' });
  });

  it.each(['393331234567', 'it.1502576394655843', 'IT.', '+0393331234567', '+39 333 1234567', '+39-3331234567', '+123456', '+1234567890123456', '', '+'])(
    'refuses recipient %p without quoting it',
    (to) => {
      let caught: unknown;
      try {
        buildTemplateMessageBody(send({ to }));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ProviderError);
      expect(caught).toMatchObject({ kind: 'permanent', code: null, httpStatus: null });
      if (to.length > 1) expect((caught as Error).message).not.toContain(to.replace(/\D/g, '').slice(0, 6) || 'never');
    },
  );

  it('refuses a missing template name or language', () => {
    expect(() => buildTemplateMessageBody(send({ template: { name: '', language: 'it' } }))).toThrow(/template name and language/);
    expect(() => buildTemplateMessageBody(send({ template: { name: 'x', language: '' } }))).toThrow(ProviderError);
  });
});

describe('parseSendResponse', () => {
  const ok = {
    messaging_product: 'whatsapp',
    contacts: [{ input: '+393331234567', wa_id: '393331234567' }],
    messages: [{ id: 'wamid.HBgLMzkzMzMxMjM0NTY3FQIAERgSQUJDREVGMDEyMzQ1Njc4OQA=', message_status: 'accepted' }],
  };

  it('reads the wamid and wa_id', () => {
    expect(parseSendResponse(ok)).toEqual({ wamid: 'wamid.HBgLMzkzMzMxMjM0NTY3FQIAERgSQUJDREVGMDEyMzQ1Njc4OQA=', waId: '393331234567' });
  });

  it('tolerates missing contacts or wa_id', () => {
    expect(parseSendResponse({ messages: [{ id: 'wamid.x' }] })).toEqual({ wamid: 'wamid.x', waId: null });
    expect(parseSendResponse({ messages: [{ id: 'wamid.x' }], contacts: [] })).toEqual({ wamid: 'wamid.x', waId: null });
    expect(parseSendResponse({ messages: [{ id: 'wamid.x' }], contacts: [{ input: '1' }] })).toEqual({ wamid: 'wamid.x', waId: null });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'wamid.x'],
    ['an array', [ok]],
    ['no messages', { contacts: ok.contacts }],
    ['messages not an array', { messages: { id: 'wamid.x' } }],
    ['no message', { messages: [] }],
    ['two messages', { messages: [{ id: 'wamid.a' }, { id: 'wamid.b' }] }],
    ['a message that is not an object', { messages: ['wamid.x'] }],
    ['a message without id', { messages: [{ message_status: 'accepted' }] }],
    ['an empty id', { messages: [{ id: '' }] }],
    ['a numeric id', { messages: [{ id: 42 }] }],
    ['an id with spaces', { messages: [{ id: 'wamid x' }] }],
    ['contacts not an array', { messages: [{ id: 'wamid.x' }], contacts: { wa_id: '1' } }],
    ['a contact that is not an object', { messages: [{ id: 'wamid.x' }], contacts: ['393331234567'] }],
    ['a numeric wa_id', { messages: [{ id: 'wamid.x' }], contacts: [{ input: '+393331234567', wa_id: 393331234567 }] }],
  ])('refuses %s as a permanent error that quotes nothing', (_label, json) => {
    let caught: unknown;
    try {
      parseSendResponse(json);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProviderError);
    expect(caught).toMatchObject({ kind: 'permanent', code: null, title: 'unexpected send response' });
    expect((caught as Error).message).not.toContain('393331234567');
  });
});

describe('buildTemplateMessageBody with named parameters', () => {
  it('sends parameter_name with each named text, in the header, the body and a URL button', () => {
    const body = buildTemplateMessageBody(
      send({
        template: { name: 'order_ready', language: 'it' },
        parameters: {
          header: { type: 'text', text: 'A-17', name: 'order_id' },
          body: [
            { name: 'first_name', text: 'Mario' },
            { name: 'order_id', text: 'A-17' },
          ],
          buttons: [
            { index: 0, subType: 'url', parameters: [{ name: 'order_code', text: 'A-17' }] },
            { index: 1, subType: 'url', parameters: ['track/A-17'] },
            { index: 2, subType: 'copy_code', parameters: ['SAVE10'] },
          ],
        },
      }),
    );
    expect(body.template.components).toEqual([
      { type: 'header', parameters: [{ type: 'text', parameter_name: 'order_id', text: 'A-17' }] },
      {
        type: 'body',
        parameters: [
          { type: 'text', parameter_name: 'first_name', text: 'Mario' },
          { type: 'text', parameter_name: 'order_id', text: 'A-17' },
        ],
      },
      { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', parameter_name: 'order_code', text: 'A-17' }] },
      { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'track/A-17' }] },
      { type: 'button', sub_type: 'copy_code', index: '2', parameters: [{ type: 'coupon_code', coupon_code: 'SAVE10' }] },
    ]);
  });
});
