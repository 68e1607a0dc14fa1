import { parseMetaWebhook } from './meta-webhook.js';

/**
 * Inbound message types as Meta's `messages` webhook reference shows them
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/…:
 * button, interactive, reaction, image, unsupported, system), with the reference's sample ids.
 */
const FROM = '16505551234';

function webhook(message: Record<string, unknown>, contacts = true): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              ...(contacts && { contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: FROM }] }),
              messages: [{ from: FROM, id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=', timestamp: '1739321024', ...message }],
            },
          },
        ],
      },
    ],
  };
}

function only(payload: unknown) {
  const { inbound } = parseMetaWebhook(payload);
  expect(inbound).toHaveLength(1);
  return inbound[0];
}

describe('parseMetaWebhook: inbound message types', () => {
  it('button: a template quick reply, its text read like typed text', () => {
    const m = only(
      webhook({
        context: { from: '15550783881', id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI4QTE2RDM3NjBCMDQ0MDBBQzMA' },
        type: 'button',
        button: { payload: 'Stop promotions', text: 'Stop promotions' },
      }),
    );
    expect(m).toMatchObject({
      type: 'button',
      text: 'Stop promotions',
      opensWindow: true,
      systemType: null,
      phoneNumberId: '106540352242922',
      occurredAt: new Date(1739321024000),
    });
  });

  it('interactive button_reply: the reply button title', () => {
    const m = only(
      webhook({
        context: { from: '15550783881', id: 'wamid.ctx' },
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'cancel-order', title: 'Annulla ordine' } },
      }),
    );
    expect(m).toMatchObject({ type: 'interactive', text: 'Annulla ordine', opensWindow: true });
  });

  it('interactive list_reply: the chosen row title', () => {
    const m = only(
      webhook({
        context: { from: '15550783881', id: 'wamid.ctx' },
        type: 'interactive',
        interactive: { type: 'list_reply', list_reply: { id: 'priority_express', title: 'Priority Mail Express', description: 'Next Day to 2 Days' } },
      }),
    );
    expect(m).toMatchObject({ type: 'interactive', text: 'Priority Mail Express', opensWindow: true });
  });

  it('reaction, and a removed reaction (no emoji): recorded without text', () => {
    const added = only(webhook({ type: 'reaction', reaction: { message_id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI1', emoji: '\uD83D\uDE00' } }));
    expect(added).toMatchObject({ type: 'reaction', text: null, opensWindow: true });
    const removed = only(webhook({ type: 'reaction', reaction: { message_id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI1' } }));
    expect(removed).toMatchObject({ type: 'reaction', text: null });
  });

  it('image: its caption is the text; without a caption, none', () => {
    const image = {
      mime_type: 'image/jpeg',
      sha256: 'SfInY0gHVxH5bWw7Hi7fM5qpt6jcVWBZB3sNZvjpYkA=',
      id: '1003383421387256',
      url: 'https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1003383421387256',
    };
    expect(only(webhook({ type: 'image', image: { ...image, caption: 'STOP' } }))).toMatchObject({ type: 'image', text: 'STOP', opensWindow: true });
    expect(only(webhook({ type: 'image', image }))).toMatchObject({ type: 'image', text: null, opensWindow: true });
  });

  it('unsupported: kept with its type, no text (error 131051)', () => {
    const m = only(
      webhook({
        type: 'unsupported',
        errors: [
          { code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } },
        ],
        unsupported: { type: 'edit' },
      }),
    );
    expect(m).toMatchObject({ type: 'unsupported', text: null, opensWindow: true, systemType: null });
  });

  it('system user_changed_number (no contacts array): recorded, does not open the window, and its body never becomes text', () => {
    const m = only(
      webhook(
        {
          type: 'system',
          system: { body: 'User Sheena Nelson changed from 16505551234 to 12195555358', wa_id: '12195555358', type: 'user_changed_number' },
        },
        false,
      ),
    );
    expect(m).toMatchObject({ from: FROM, type: 'system', text: null, opensWindow: false, systemType: 'user_changed_number' });
    // The new number only as the identifier consent and window move to (system.wa_id), never from the body.
    expect(m.changedTo).toBe('12195555358');
    expect(m.changedToAll).toEqual(['12195555358']);
    expect(JSON.stringify({ ...m, changedTo: null, changedToAll: [] })).not.toContain('12195555358');
  });

  it('system user_changed_number since Aug 11, 2026: the new BSUID beside the new number, the previous one naming the user', () => {
    const m = only(
      webhook(
        {
          type: 'system',
          system: {
            body: 'User Sheena Nelson changed from 16505551234 to 12195555358',
            wa_id: '12195555358',
            type: 'user_changed_number',
            user_id: 'US.22',
            previous_user_id: 'US.11',
          },
        },
        false,
      ),
    );
    expect(m).toMatchObject({ from: FROM, fromUserId: 'US.11', changedTo: '12195555358', changedToAll: ['12195555358', 'US.22'] });
    expect(m.identifiers).toEqual([FROM, 'US.11']);
  });

  it('system user_changed_user_id: the new BSUID the identifier changed to', () => {
    const m = only(
      webhook({ type: 'system', from_user_id: 'US.1', system: { body: 'User changed their user id', user_id: 'US.2', type: 'user_changed_user_id' } }, false),
    );
    expect(m).toMatchObject({ systemType: 'user_changed_user_id', changedTo: 'US.2', changedToAll: ['US.2'], opensWindow: false });
  });

  it('text still reads its body', () => {
    expect(only(webhook({ type: 'text', text: { body: 'Basta messaggi' } }))).toMatchObject({
      type: 'text',
      text: 'Basta messaggi',
      opensWindow: true,
      systemType: null,
    });
  });
});
