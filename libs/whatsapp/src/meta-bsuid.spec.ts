import { parseMetaWebhook } from './meta-webhook.js';

// Shapes from Meta's "Business-scoped user IDs" page
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/):
// contacts[].user_id beside or instead of wa_id, messages[].from_user_id, statuses[].recipient_user_id,
// user_preferences[].user_id.
const messages = (value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: 'WABA',
      changes: [
        { field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: 'PNID' }, ...value } },
      ],
    },
  ],
});

describe('business-scoped user ids in webhooks', () => {
  it('reads the BSUID beside the wa_id of an inbound message and names both to link', () => {
    const [m] = parseMetaWebhook(
      messages({
        contacts: [{ profile: { name: 'Sheena Nelson', username: 'sheena' }, wa_id: '16505551234', user_id: 'US.13491208655302741918' }],
        messages: [
          { from: '16505551234', from_user_id: 'US.13491208655302741918', id: 'wamid.A', timestamp: '1739321024', type: 'text', text: { body: 'STOP' } },
        ],
      }),
    ).inbound;
    expect(m).toMatchObject({
      from: '16505551234',
      fromUserId: 'US.13491208655302741918',
      identifiers: ['16505551234', 'US.13491208655302741918'],
      text: 'STOP',
    });
  });

  it('keeps a message from a username user with no number, named by its BSUID (it was dropped)', () => {
    const [m] = parseMetaWebhook(
      messages({
        contacts: [{ profile: { name: 'Bob', username: 'bob' }, user_id: 'IT.1502576394655843' }],
        messages: [{ from_user_id: 'IT.1502576394655843', id: 'wamid.B', timestamp: '1739321024', type: 'text', text: { body: 'Stop' } }],
      }),
    ).inbound;
    expect(m).toMatchObject({ from: 'IT.1502576394655843', fromUserId: 'IT.1502576394655843', identifiers: ['IT.1502576394655843'] });
  });

  it('takes the BSUID from the only contact when the message lacks from_user_id', () => {
    const [m] = parseMetaWebhook(
      messages({
        contacts: [{ profile: { name: 'Bob' }, user_id: 'IT.1502576394655843' }],
        messages: [{ id: 'wamid.C', timestamp: '1739321024', type: 'text', text: { body: 'hi' } }],
      }),
    ).inbound;
    expect(m).toMatchObject({ from: 'IT.1502576394655843', identifiers: ['IT.1502576394655843'] });
  });

  it('matches each message to its own contact when several are batched', () => {
    const { inbound } = parseMetaWebhook(
      messages({
        contacts: [
          { wa_id: '16505551234', user_id: 'US.1' },
          { wa_id: '16505550000', user_id: 'US.2' },
        ],
        messages: [
          { from: '16505550000', id: 'wamid.D', timestamp: '1', type: 'text', text: { body: 'a' } },
          { from_user_id: 'US.1', id: 'wamid.E', timestamp: '1', type: 'text', text: { body: 'b' } },
        ],
      }),
    );
    expect(inbound.map((m) => [m.from, m.identifiers])).toEqual([
      ['16505550000', ['16505550000', 'US.2']],
      ['US.1', ['16505551234', 'US.1']],
    ]);
  });

  it('still drops a message naming nobody', () => {
    expect(parseMetaWebhook(messages({ contacts: [{}, {}], messages: [{ id: 'wamid.F', type: 'text', text: { body: 'x' } }] })).inbound).toEqual([]);
  });

  it('reads recipient_user_id of a status, with or without recipient_id', () => {
    const { statuses } = parseMetaWebhook(
      messages({
        statuses: [
          { id: 'wamid.G', status: 'delivered', timestamp: '1', recipient_id: '16505551234', recipient_user_id: 'US.1' },
          { id: 'wamid.H', status: 'read', timestamp: '1', recipient_user_id: 'US.2' },
        ],
      }),
    );
    expect(statuses.map((s) => [s.recipientId, s.recipientUserId])).toEqual([
      ['16505551234', 'US.1'],
      [null, 'US.2'],
    ]);
  });

  it('reads a marketing preference of a user known only by BSUID', () => {
    const payload = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'user_preferences',
              value: {
                metadata: { phone_number_id: 'PNID' },
                contacts: [{ profile: { name: 'Bob' }, user_id: 'IT.1502576394655843' }],
                user_preferences: [{ user_id: 'IT.1502576394655843', category: 'marketing_messages', value: 'stop', timestamp: 1739321024 }],
              },
            },
          ],
        },
      ],
    };
    expect(parseMetaWebhook(payload).preferences).toEqual([
      expect.objectContaining({ waId: 'IT.1502576394655843', userId: 'IT.1502576394655843', value: 'stop' }),
    ]);
  });
});
