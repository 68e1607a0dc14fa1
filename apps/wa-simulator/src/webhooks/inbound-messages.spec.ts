import { parseMetaWebhook } from '#sigillo/whatsapp';
import { bsuidOf } from '../messages/user-ids.js';
import { INBOUND_KINDS, inboundValue, type InboundKind } from './inbound-messages.js';
import { numberChange } from './webhook-payloads.js';

const base = { from: '393331234567', id: 'wamid.X', timestamp: 1739321024, name: 'Maria Rossi', businessNumber: '15550783881' };
const value = (kind: InboundKind, extra: Record<string, string> = {}) =>
  inboundValue({ ...base, kind, ...extra }) as { contacts?: unknown[]; messages: Record<string, any>[] };

describe('inboundValue: the simulator shapes each inbound type as Meta documents it', () => {
  it('a template quick reply: button { payload, text } with the context of the business message', () => {
    expect(value('button', { text: 'Stop promotions', replyTo: 'wamid.B' }).messages[0]).toEqual({
      from: base.from,
      id: 'wamid.X',
      timestamp: '1739321024',
      context: { from: '15550783881', id: 'wamid.B' },
      type: 'button',
      button: { payload: 'Stop promotions', text: 'Stop promotions' },
    });
  });

  it('interactive button_reply and list_reply', () => {
    expect(value('button_reply', { text: 'Sì, confermo' }).messages[0].interactive).toEqual({
      type: 'button_reply',
      button_reply: { id: 's-confermo', title: 'Sì, confermo' },
    });
    expect(value('list_reply', { text: 'Ritiro' }).messages[0].interactive).toEqual({
      type: 'list_reply',
      list_reply: { id: 'ritiro', title: 'Ritiro', description: '' },
    });
  });

  it('a reaction names the message reacted to; a removed one has no emoji', () => {
    expect(value('reaction', { replyTo: 'wamid.B', emoji: '👍' }).messages[0].reaction).toEqual({ message_id: 'wamid.B', emoji: '👍' });
    expect(value('reaction', { replyTo: 'wamid.B' }).messages[0].reaction).toEqual({ message_id: 'wamid.B' });
  });

  it('an image carries a media id, its type and hash, and the caption when given', () => {
    const image = value('image', { text: 'scontrino' }).messages[0].image;
    expect(image).toMatchObject({ caption: 'scontrino', mime_type: 'image/jpeg', id: expect.stringMatching(/^\d{15}$/) });
    expect(value('image').messages[0].image.caption).toBeUndefined();
  });

  it('unsupported carries error 131051', () => {
    expect(value('unsupported').messages[0]).toMatchObject({ type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] });
  });

  it('a system message has no contacts array and names the new number, with the new BSUID and the previous one', () => {
    const v = value('system', { newNumber: '393339999999' });
    expect(v.contacts).toBeUndefined();
    expect(v.messages[0].system).toEqual({
      body: 'User Maria Rossi changed from 393331234567 to 393339999999',
      wa_id: '393339999999',
      type: 'user_changed_number',
      user_id: bsuidOf('393339999999'),
      previous_user_id: bsuidOf('393331234567'),
    });
    const number = { wabaId: 'w', phoneNumberId: 'p', displayPhoneNumber: '15550783881' };
    expect(parseMetaWebhook(numberChange(number, 'messages', v)).inbound[0]).toMatchObject({
      from: '393331234567',
      identifiers: ['393331234567', bsuidOf('393331234567')],
      changedTo: '393339999999',
      changedToAll: ['393339999999', bsuidOf('393339999999')],
    });
  });

  it('a change of business-scoped user id shares no number: the previous id beside the new, read back as a move from the one to the other', () => {
    const v = value('system', { userId: 'IT.1111', newUserId: 'IT.2222' });
    expect(v.contacts).toBeUndefined();
    expect(v.messages[0].from).toBeUndefined();
    expect(v.messages[0].system).toEqual({
      body: 'User Maria Rossi changed their business-scoped user id',
      type: 'user_changed_user_id',
      user_id: 'IT.2222',
      previous_user_id: 'IT.1111',
    });
    const number = { wabaId: 'w', phoneNumberId: 'p', displayPhoneNumber: '15550783881' };
    expect(parseMetaWebhook(numberChange(number, 'messages', v)).inbound[0]).toMatchObject({
      from: 'IT.1111',
      systemType: 'user_changed_user_id',
      changedTo: 'IT.2222',
      opensWindow: false,
    });
    // Meta's own payload, without from_user_id: the previous id still names the user.
    const { from_user_id: _old, ...metaShape } = v.messages[0];
    expect(parseMetaWebhook(numberChange(number, 'messages', { messages: [metaShape] })).inbound[0]).toMatchObject({ from: 'IT.1111', changedTo: 'IT.2222' });
  });

  it("every kind reads back through Sigillo's parser with the type Meta gives it", () => {
    const number = { wabaId: 'w', phoneNumberId: 'p', displayPhoneNumber: '15550783881' };
    const types = INBOUND_KINDS.map(
      (kind) => parseMetaWebhook(numberChange(number, 'messages', value(kind, { text: 'x', replyTo: 'wamid.B' }))).inbound[0].type,
    );
    expect(types).toEqual(['text', 'button', 'interactive', 'interactive', 'reaction', 'image', 'unsupported', 'system']);
  });
});
