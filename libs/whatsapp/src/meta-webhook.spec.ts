import { parseMetaWebhook } from './meta-webhook.js';

const metadata = { display_phone_number: '15550001111', phone_number_id: '100000000000001' };
const wrap = (field: string, value: unknown, id = '200000000000001') => ({ object: 'whatsapp_business_account', entry: [{ id, changes: [{ field, value }] }] });

describe('parseMetaWebhook', () => {
  it('reads statuses with their errors, pricing and callback data kept whole', () => {
    const failed = {
      id: 'wamid.A',
      status: 'failed',
      timestamp: '1763719200',
      recipient_id: '393331234567',
      biz_opaque_callback_data: 'n-1',
      errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable', error_data: { details: 'not on WhatsApp' } }],
    };
    const read = {
      id: 'wamid.B',
      status: 'read',
      timestamp: '1763719300',
      recipient_id: '393331234567',
      pricing: { billable: true, pricing_model: 'PMP', category: 'utility' },
    };
    const parsed = parseMetaWebhook(wrap('messages', { messaging_product: 'whatsapp', metadata, statuses: [failed, read] }));
    expect(parsed.statuses).toEqual([
      {
        phoneNumberId: '100000000000001',
        wabaId: '200000000000001',
        at: 'entry[0].changes[0].statuses[0]',
        wamid: 'wamid.A',
        status: 'failed',
        occurredAt: new Date(1763719200_000),
        recipientId: '393331234567',
        recipientUserId: null,
        callbackData: 'n-1',
        raw: failed,
      },
      {
        phoneNumberId: '100000000000001',
        wabaId: '200000000000001',
        at: 'entry[0].changes[0].statuses[1]',
        wamid: 'wamid.B',
        status: 'read',
        occurredAt: new Date(1763719300_000),
        recipientId: '393331234567',
        recipientUserId: null,
        callbackData: null,
        raw: read,
      },
    ]);
  });

  it('reads inbound messages of several types', () => {
    const parsed = parseMetaWebhook(
      wrap('messages', {
        metadata,
        messages: [
          { from: '393331234567', id: 'wamid.in1', timestamp: '1763719200', type: 'text', text: { body: 'STOP' } },
          { from: '393331234567', id: 'wamid.in2', timestamp: '1763719201', type: 'button', button: { text: 'Stop promozioni', payload: 'x' } },
          { from: '393331234567', id: 'wamid.in3', timestamp: '1763719202', type: 'image', image: { id: 'm1' } },
        ],
      }),
    );
    expect(parsed.inbound.map((m) => [m.messageId, m.type, m.text])).toEqual([
      ['wamid.in1', 'text', 'STOP'],
      ['wamid.in2', 'button', 'Stop promozioni'],
      ['wamid.in3', 'image', null],
    ]);
  });

  it('reads template status updates and marketing preferences', () => {
    const t = parseMetaWebhook(
      wrap('message_template_status_update', {
        event: 'PAUSED',
        message_template_id: 42,
        message_template_name: 'promo',
        message_template_language: 'it',
        reason: 'NONE',
      }),
    );
    expect(t.templates).toEqual([
      {
        wabaId: '200000000000001',
        at: 'entry[0].changes[0]',
        field: 'status',
        event: 'PAUSED',
        templateId: '42',
        name: 'promo',
        language: 'it',
        reason: 'NONE',
        category: null,
        otherInfo: null,
        rejectionInfo: null,
        disableDate: null,
        occurredAt: null,
      },
    ]);
    const p = parseMetaWebhook(
      wrap('user_preferences', {
        metadata,
        user_preferences: [{ wa_id: '393331234567', category: 'marketing_messages', value: 'stop', timestamp: 1763719200 }],
      }),
    );
    expect(p.preferences).toEqual([
      {
        phoneNumberId: '100000000000001',
        wabaId: '200000000000001',
        at: 'entry[0].changes[0].user_preferences[0]',
        waId: '393331234567',
        userId: null,
        value: 'stop',
        occurredAt: new Date(1763719200_000),
      },
    ]);
  });

  it("tags every part with its own entry's ids and its path, across entries and changes", () => {
    const status = (id: string) => ({ id, status: 'sent', timestamp: '1763719200' });
    const parsed = parseMetaWebhook({
      object: 'whatsapp_business_account',
      entry: [
        { id: 'waba-1', changes: [{ field: 'messages', value: { metadata: { phone_number_id: 'pn-1' }, statuses: [status('w1')] } }] },
        {
          id: 'waba-2',
          changes: [
            { field: 'messages', value: { metadata: { phone_number_id: 'pn-2' }, statuses: [status('w2'), status('w3')] } },
            { field: 'messages', value: { statuses: [status('w4')], messages: [{ from: '393331234567', id: 'm1', type: 'text', text: { body: 'hi' } }] } },
          ],
        },
      ],
    });
    expect(parsed.statuses.map((s) => [s.wamid, s.phoneNumberId, s.wabaId, s.at])).toEqual([
      ['w1', 'pn-1', 'waba-1', 'entry[0].changes[0].statuses[0]'],
      ['w2', 'pn-2', 'waba-2', 'entry[1].changes[0].statuses[0]'],
      ['w3', 'pn-2', 'waba-2', 'entry[1].changes[0].statuses[1]'],
      ['w4', null, 'waba-2', 'entry[1].changes[1].statuses[0]'],
    ]);
    expect(parsed.inbound.map((m) => [m.messageId, m.phoneNumberId, m.wabaId, m.at])).toEqual([['m1', null, 'waba-2', 'entry[1].changes[1].messages[0]']]);
  });

  it("reads the value-level errors of the messages field, as Meta's errors webhook reference shows them", () => {
    // https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/errors
    const payload = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                errors: [
                  {
                    code: 130429,
                    title: 'Rate limit hit',
                    message: 'Rate limit hit',
                    error_data: {
                      details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time',
                    },
                    href: '/documentation/business-messaging/whatsapp/support/error-codes',
                  },
                ],
              },
              field: 'messages',
            },
          ],
        },
      ],
    };
    expect(parseMetaWebhook(payload)).toEqual({
      statuses: [],
      inbound: [],
      templates: [],
      preferences: [],
      errors: [{ phoneNumberId: '106540352242922', wabaId: '102290129340398', at: 'entry[0].changes[0].errors[0]', code: 130429, title: 'Rate limit hit' }],
    });
  });

  it('skips what it does not know instead of failing', () => {
    for (const payload of [
      null,
      42,
      'x',
      [],
      {},
      { entry: 'x' },
      { entry: [null, { changes: [null, { field: 'messages' }, { field: 'other', value: {} }] }] },
    ]) {
      expect(parseMetaWebhook(payload)).toEqual({ statuses: [], inbound: [], templates: [], preferences: [], errors: [] });
    }
    const odd = parseMetaWebhook(wrap('messages', { statuses: [{ id: 'w', status: 'deleted' }, { status: 'sent' }], messages: [{ id: 'x' }] }));
    expect(odd).toEqual({ statuses: [], inbound: [], templates: [], preferences: [], errors: [] });
  });
});
