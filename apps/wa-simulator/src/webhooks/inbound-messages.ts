import { randomInt } from 'node:crypto';
import { bsuidOf, resolveWaId } from '../messages/user-ids.js';

/** What a WhatsApp user can send the business, as the simulator's /_sim/inbound names it. */
export const INBOUND_KINDS = ['text', 'button', 'button_reply', 'list_reply', 'reaction', 'image', 'unsupported', 'system'] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];

export interface InboundSpec {
  kind: InboundKind;
  from: string;
  id: string;
  timestamp: number;
  /** text: the body; button: the quick reply's text; button_reply/list_reply: the title; image: the caption. */
  text?: string;
  /** reaction: the emoji (left out: the reaction is removed). */
  emoji?: string;
  /** The business message replied or reacted to (`context.id`, `reaction.message_id`). */
  replyTo?: string;
  /** system: the user's new number. */
  newNumber?: string;
  /** system: the user's new business-scoped user id (user_changed_user_id; `userId` is the previous one). */
  newUserId?: string;
  /** The sender's profile name (system messages carry none: they have no contacts array). */
  name: string;
  /** The business number, quoted in `context.from`. */
  businessNumber: string;
  /** The user's business-scoped user id: `contacts[].user_id` and `from_user_id`, as Meta adds them since April 2026. */
  userId?: string;
  /** A user who adopted a username: Meta names them by the BSUID only (no `from`, no `wa_id`). */
  hidePhone?: boolean;
}

/**
 * One inbound message of `field: messages`, shaped as Meta's webhook reference shows each type
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages),
 * and the `contacts` array beside it (none for a system message, as Meta says).
 */
export function inboundValue(spec: InboundSpec): Record<string, unknown> {
  const hidden = spec.hidePhone === true && spec.userId !== undefined;
  const base = {
    ...(!hidden && { from: spec.from }),
    ...(spec.userId !== undefined && { from_user_id: spec.userId }),
    id: spec.id,
    timestamp: String(spec.timestamp),
  };
  const context = spec.replyTo === undefined ? {} : { context: { from: spec.businessNumber, id: spec.replyTo } };
  const text = spec.text ?? '';
  let message: Record<string, unknown>;
  switch (spec.kind) {
    case 'text':
      message = { ...base, type: 'text', text: { body: text } };
      break;
    case 'button':
      // A template's quick-reply button: Meta echoes the payload the send set, here the text itself.
      message = { ...base, ...context, type: 'button', button: { payload: text, text } };
      break;
    case 'button_reply':
      message = { ...base, ...context, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: slug(text), title: text } } };
      break;
    case 'list_reply':
      message = { ...base, ...context, type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: slug(text), title: text, description: '' } } };
      break;
    case 'reaction':
      message = { ...base, type: 'reaction', reaction: { message_id: spec.replyTo ?? '', ...(spec.emoji !== undefined && { emoji: spec.emoji }) } };
      break;
    case 'image': {
      const mediaId = String(randomInt(1e14, 3e14));
      message = {
        ...base,
        type: 'image',
        image: {
          ...(spec.text !== undefined && { caption: spec.text }),
          mime_type: 'image/jpeg',
          sha256: 'SfInY0gHVxH5bWw7Hi7fM5qpt6jcVWBZB3sNZvjpYkA=',
          id: mediaId,
          url: `https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=${mediaId}`,
        },
      };
      break;
    }
    case 'unsupported':
      message = {
        ...base,
        type: 'unsupported',
        errors: [
          { code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } },
        ],
        unsupported: { type: 'edit' },
      };
      break;
    case 'system': {
      if (spec.newUserId !== undefined) {
        // Only the BSUID changed and no number can be shared: no `from`, the previous id beside the new
        // (Meta's system messages reference and changelog, Aug 11, 2026).
        const { from: _number, ...noNumber } = base as { from?: string };
        message = {
          ...noNumber,
          type: 'system',
          system: {
            body: `User ${spec.name} changed their business-scoped user id`,
            type: 'user_changed_user_id',
            user_id: spec.newUserId,
            ...(spec.userId !== undefined && { previous_user_id: spec.userId }),
          },
        };
        return { messages: [message] };
      }
      const to = spec.newNumber ?? spec.from;
      // A new number regenerates the BSUID: Meta reports the new one and the previous one beside the
      // new number (changelog, Aug 11, 2026).
      message = {
        ...base,
        type: 'system',
        system: {
          body: `User ${spec.name} changed from ${spec.from} to ${to}`,
          wa_id: to,
          type: 'user_changed_number',
          user_id: bsuidOf(resolveWaId(to)),
          previous_user_id: spec.userId ?? bsuidOf(resolveWaId(spec.from)),
        },
      };
      return { messages: [message] };
    }
  }
  const contact = { profile: { name: spec.name }, ...(!hidden && { wa_id: spec.from }), ...(spec.userId !== undefined && { user_id: spec.userId }) };
  return { contacts: [contact], messages: [message] };
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'reply'
  );
}
