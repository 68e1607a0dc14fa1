import type { RenderedParameters, RenderedText } from './rendered-parameters.js';
import { ProviderError } from './provider-error.js';
import type { SendResult, TemplateSend } from './whatsapp-provider.js';

/**
 * Cloud API component parameters, as Meta's "send message templates" reference spells them. A
 * NAMED template's text parameters carry `parameter_name` (Meta's template messages page:
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/templates/overview).
 */
export type CloudApiParameter =
  | { type: 'text'; text: string; parameter_name?: string }
  | { type: 'image'; image: MediaRef }
  | { type: 'video'; video: MediaRef }
  | { type: 'document'; document: MediaRef & { filename?: string } }
  | { type: 'payload'; payload: string }
  | { type: 'coupon_code'; coupon_code: string };

/** A media object by link, or by the id an upload answered (`POST /{phone-number-id}/media`). */
export type MediaRef = { link: string } | { id: string };

export type CloudApiComponent =
  | { type: 'header'; parameters: CloudApiParameter[] }
  | { type: 'body'; parameters: CloudApiParameter[] }
  | { type: 'button'; sub_type: 'url' | 'quick_reply' | 'copy_code'; index: string; parameters: CloudApiParameter[] };

/**
 * `to` for a phone number; `recipient` for a business-scoped user id (BSUID), the only name of a
 * user who adopted a username. Meta: when both are given, `to` wins, so only one is ever set.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/
 */
export type CloudApiRecipient = { to: string; recipient?: never } | { recipient: string; to?: never };

export type CloudApiTemplateMessage = CloudApiRecipient & {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  type: 'template';
  template: { name: string; language: { code: string }; components: CloudApiComponent[] };
  biz_opaque_callback_data?: string;
};

// E.164: a country code never starts with 0, and the whole number has at most 15 digits.
const E164 = /^\+[1-9]\d{6,14}$/;
// A BSUID: ISO country code, a dot, ENT. for a parent id, up to 128 alphanumerics (US.13491208655302741918).
const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

/**
 * The body of `POST /{version}/{phone-number-id}/messages` for one template send.
 * Components without parameters are left out: Meta takes the template's static parts from the
 * approved template and rejects empty parameter lists.
 */
export function buildTemplateMessageBody(send: TemplateSend): CloudApiTemplateMessage {
  // The number stays out of the error: errors are logged and kept.
  if (typeof send.to !== 'string' || (!E164.test(send.to) && !BSUID.test(send.to))) {
    throw ProviderError.permanent('recipient is neither an E.164 number (+ and 7 to 15 digits) nor a business-scoped user id');
  }
  if (!send.template.name || !send.template.language) {
    throw ProviderError.permanent('template name and language are required');
  }

  const body: CloudApiTemplateMessage = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...(BSUID.test(send.to) ? { recipient: send.to } : { to: send.to.slice(1) }),
    type: 'template',
    template: {
      name: send.template.name,
      language: { code: send.template.language },
      components: templateComponents(send.parameters, send.headerMediaId),
    },
  };
  if (send.bizOpaqueCallbackData !== undefined) body.biz_opaque_callback_data = send.bizOpaqueCallbackData;
  return body;
}

export function templateComponents(parameters: RenderedParameters, headerMediaId?: string): CloudApiComponent[] {
  const components: CloudApiComponent[] = [];
  if (parameters.header) components.push({ type: 'header', parameters: [headerParameter(parameters.header, headerMediaId)] });
  if (parameters.body.length > 0) {
    components.push({ type: 'body', parameters: parameters.body.map(textParameter) });
  }
  for (const button of parameters.buttons) {
    if (button.parameters.length === 0) continue;
    components.push({
      type: 'button',
      sub_type: button.subType,
      // Meta documents the button index as a string.
      index: String(button.index),
      parameters: button.parameters.map((value) => buttonParameter(button.subType, value)),
    });
  }
  return components;
}

function textParameter(value: RenderedText): CloudApiParameter {
  return typeof value === 'string' ? { type: 'text', text: value } : { type: 'text', parameter_name: value.name, text: value.text };
}

function headerParameter(header: NonNullable<RenderedParameters['header']>, mediaId: string | undefined): CloudApiParameter {
  if (header.type === 'text') {
    return header.name === undefined ? { type: 'text', text: header.text } : { type: 'text', parameter_name: header.name, text: header.text };
  }
  // Meta takes either; an uploaded id spares Meta fetching the link on every send.
  const ref: MediaRef = mediaId === undefined ? { link: header.link } : { id: mediaId };
  switch (header.type) {
    case 'image':
      return { type: 'image', image: ref };
    case 'video':
      return { type: 'video', video: ref };
    case 'document':
      // Without a filename WhatsApp shows the document as "Untitled".
      return { type: 'document', document: header.filename === undefined ? ref : { ...ref, filename: header.filename } };
  }
}

function buttonParameter(subType: 'url' | 'quick_reply' | 'copy_code', value: RenderedText): CloudApiParameter {
  switch (subType) {
    case 'url':
      // The dynamic suffix appended to the approved URL; named in a NAMED template's {{order_code}}.
      return textParameter(value);
    case 'quick_reply':
      // Comes back in the inbound message when the user taps the button.
      return { type: 'payload', payload: typeof value === 'string' ? value : value.text };
    case 'copy_code':
      return { type: 'coupon_code', coupon_code: typeof value === 'string' ? value : value.text };
  }
}

/**
 * Reads Meta's answer to a successful send:
 * `{ messaging_product, contacts: [{ input, wa_id?, user_id? }], messages: [{ id, message_status? }] }`
 * (`wa_id` absent for a send by BSUID; `user_id`, the BSUID, since usernames).
 * Strict, because a 2xx we cannot read leaves us without the wamid that status webhooks refer to.
 */
export function parseSendResponse(json: unknown): SendResult {
  const bad = (why: string): never => {
    // Never quote the answer: `contacts[].input` is the recipient's number.
    throw ProviderError.permanent('unexpected send response', why);
  };
  if (!isRecord(json)) return bad('not a JSON object');
  const messages = json['messages'];
  if (!Array.isArray(messages) || messages.length !== 1) return bad('messages is not an array of one message');
  const message = messages[0];
  if (!isRecord(message) || typeof message['id'] !== 'string' || !/^\S+$/.test(message['id'])) {
    return bad('messages[0].id is not a non-empty string');
  }

  let waId: string | null = null;
  let userId: string | null = null;
  const contacts = json['contacts'];
  if (contacts !== undefined) {
    if (!Array.isArray(contacts)) return bad('contacts is not an array');
    const first: unknown = contacts[0];
    if (first !== undefined) {
      if (!isRecord(first)) return bad('contacts[0] is not an object');
      const id = first['wa_id'];
      if (typeof id === 'string') waId = id;
      else if (id !== undefined) return bad('contacts[0].wa_id is not a string');
      // Kept when readable, never a reason to refuse the answer: the message was accepted.
      if (typeof first['user_id'] === 'string' && BSUID.test(first['user_id'])) userId = first['user_id'];
    }
  }
  return { wamid: message['id'], waId, ...(userId !== null && { userId }) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
