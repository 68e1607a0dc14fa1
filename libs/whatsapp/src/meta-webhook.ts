/**
 * What Sigillo takes from a Meta WhatsApp webhook: delivery statuses, inbound messages, template
 * changes (status, quality, category) and marketing preferences, each tagged with the business number or account it
 * concerns. Pure and forgiving: an unknown field or change is skipped, never an error, because Meta
 * adds fields and a webhook that we refuse is lost. Which tenant a part belongs to is decided
 * afterwards (webhook-routing.ts), from the ids each part carries.
 */
import { DELIVERY_STATUSES, type DeliveryStatus } from './delivery-status.js';

/** Where a part came from: the business number it names, its entry's WABA id, its path in the payload. */
export interface PartOrigin {
  phoneNumberId: string | null;
  wabaId: string | null;
  /** e.g. entry[0].changes[1].statuses[2]: names the part in a rejection without copying it. */
  at: string;
}

export interface StatusUpdate extends PartOrigin {
  wamid: string;
  status: DeliveryStatus;
  occurredAt: Date;
  recipientId: string | null;
  /** `recipient_user_id`: the recipient's business-scoped user id (BSUID), with or without recipient_id. */
  recipientUserId: string | null;
  callbackData: string | null;
  /** The status object as Meta sent it: errors[] (code, title, message, error_data.details) and pricing kept whole. */
  raw: Record<string, unknown>;
}

export interface InboundMessage extends PartOrigin {
  /**
   * Who wrote: Meta's `from` (the wa_id) or, for a user who adopted a username and shows no
   * number, the business-scoped user id (`from_user_id`, or `user_id` of the only contact).
   */
  from: string;
  /** The sender's BSUID when Meta gives one (messages[].from_user_id or contacts[].user_id). */
  fromUserId: string | null;
  /** Identifiers Meta names together for this sender (wa_id and user_id of its contact): linked to one person. */
  identifiers: string[];
  messageId: string;
  occurredAt: Date;
  /** Meta's `type`: text, button, interactive, reaction, image, unsupported, system… */
  type: string;
  /**
   * What the user wrote or tapped: a text's body, a quick reply's or interactive reply's title, a
   * media caption. Null for a reaction, an unsupported message and a system message (whose body
   * quotes phone numbers).
   */
  text: string | null;
  /**
   * Whether it opens or refreshes the 24-hour customer-service window. Meta: the window starts
   * "whenever a WhatsApp user messages you"; a `system` message is WhatsApp's notice, not the
   * user writing, so it does not.
   */
  opensWindow: boolean;
  /** A `system` message's own type (`user_changed_number`, `user_changed_user_id`); null otherwise. */
  systemType: string | null;
  /**
   * The user's new identifier a `system` message announces: `system.wa_id` of user_changed_number
   * (the new number), `system.user_id` of user_changed_user_id (the new BSUID); null otherwise.
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/system/
   */
  changedTo: string | null;
  /**
   * Every identifier the user has from now on that a `system` message names: `system.wa_id` and
   * `system.user_id` (Meta regenerates the BSUID with the number and reports the new one beside the
   * new number since Aug 11, 2026); empty otherwise.
   */
  changedToAll: string[];
}

/** What every template change names: the template, and when Meta says it happened (the entry's `time`). */
interface TemplateChangeBase {
  wabaId: string;
  at: string;
  templateId: string | null;
  name: string;
  language: string;
  /** The entry's `time` (Meta: "Unix timestamp indicating when the webhook was triggered"); null when absent. */
  occurredAt: Date | null;
}

/**
 * message_template_status_update: approved, rejected, paused, disabled, reinstated, flagged…
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update
 */
export interface TemplateStatusChange extends TemplateChangeBase {
  field: 'status';
  event: string;
  /** Meta's `reason`: a rejection reason, NONE for a pause, null for a deletion. */
  reason: string | null;
  /** `message_template_category`, when given. */
  category: string | null;
  /** `other_info` of a pause or unpause: title FIRST_PAUSE, SECOND_PAUSE, RATE_LIMITING_PAUSE, UNPAUSE, DISABLED. */
  otherInfo: { title: string | null; description: string | null } | null;
  /** `rejection_info` of an INVALID_FORMAT rejection. */
  rejectionInfo: { reason: string | null; recommendation: string | null } | null;
  /** `disable_info.disable_date` of a disabled template. */
  disableDate: Date | null;
}

/**
 * message_template_quality_update: GREEN, YELLOW, RED or UNKNOWN (pending).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_quality_update
 */
export interface TemplateQualityChange extends TemplateChangeBase {
  field: 'quality';
  previous: string | null;
  score: string;
}

/**
 * template_category_update. Two shapes: a completed change (previous_category, new_category) and
 * an impending one, announced 24 hours ahead (new_category is then the current category,
 * correct_category the one it will get at category_update_timestamp).
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update
 */
export interface TemplateCategoryChange extends TemplateChangeBase {
  field: 'category';
  /** Completed: the category before; impending: the category in force now. */
  previous: string | null;
  /** The category from `effectiveAt` on. */
  category: string;
  impending: boolean;
  /** Impending: category_update_timestamp; completed: null (in force already). */
  effectiveAt: Date | null;
}

export type TemplateChange = TemplateStatusChange | TemplateQualityChange | TemplateCategoryChange;

export interface MarketingPreference extends PartOrigin {
  /** The user's wa_id or, when Meta gives no number, its BSUID (`user_id`). */
  waId: string;
  userId: string | null;
  value: 'stop' | 'resume';
  occurredAt: Date;
}

/**
 * A value-level error of the `messages` field (`entry.changes.value.errors`): an app- or
 * account-level problem that stopped a request, tied to no message.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/errors
 */
export interface AccountError extends PartOrigin {
  code: number | null;
  title: string | null;
}

export interface ParsedWebhook {
  statuses: StatusUpdate[];
  inbound: InboundMessage[];
  templates: TemplateChange[];
  preferences: MarketingPreference[];
  errors: AccountError[];
}

const STATUSES = new Set<string>(DELIVERY_STATUSES);

export function parseMetaWebhook(payload: unknown): ParsedWebhook {
  const out: ParsedWebhook = { statuses: [], inbound: [], templates: [], preferences: [], errors: [] };
  for (const [e, entry] of list(obj(payload)?.entry).entries()) {
    const wabaId = str(obj(entry)?.id);
    const entryTime = optionalUnixTime(obj(entry)?.time);
    for (const [c, change] of list(obj(entry)?.changes).entries()) {
      const at = `entry[${e}].changes[${c}]`;
      const field = str(obj(change)?.field);
      const value = obj(obj(change)?.value);
      if (!value) continue;
      const phoneNumberId = str(obj(value.metadata)?.phone_number_id);
      if (field === 'messages') {
        for (const [i, x] of list(value.errors).entries()) {
          const error = obj(x);
          if (!error) continue;
          out.errors.push({
            phoneNumberId,
            wabaId,
            at: `${at}.errors[${i}]`,
            code: typeof error.code === 'number' ? error.code : null,
            title: str(error.title),
          });
        }
        for (const [i, s] of list(value.statuses).entries()) {
          const status = obj(s);
          const wamid = str(status?.id);
          const name = str(status?.status);
          if (!status || !wamid || !name || !STATUSES.has(name)) continue;
          out.statuses.push({
            phoneNumberId,
            wabaId,
            at: `${at}.statuses[${i}]`,
            wamid,
            status: name as StatusUpdate['status'],
            occurredAt: unixTime(status.timestamp),
            recipientId: str(status.recipient_id),
            recipientUserId: str(status.recipient_user_id),
            callbackData: str(status.biz_opaque_callback_data),
            raw: status,
          });
        }
        const contacts = list(value.contacts).flatMap((c) => (obj(c) ? [obj(c)!] : []));
        for (const [i, m] of list(value.messages).entries()) {
          const message = obj(m);
          const phone = str(message?.from);
          // A username user shows no number: Meta names it by from_user_id and its contact's user_id.
          const contact =
            contacts.find(
              (c) => (phone !== null && str(c.wa_id) === phone) || (str(message?.from_user_id) !== null && str(c.user_id) === str(message?.from_user_id)),
            ) ?? (contacts.length === 1 ? contacts[0] : null);
          // A change of BSUID shares no number: the user is named by the id they had.
          const fromUserId = str(message?.from_user_id) ?? str(contact?.user_id) ?? str(obj(message?.system)?.previous_user_id);
          const from = phone ?? fromUserId;
          const id = str(message?.id);
          if (!message || !from || !id) continue;
          const type = str(message.type) ?? 'unknown';
          out.inbound.push({
            phoneNumberId,
            wabaId,
            at: `${at}.messages[${i}]`,
            from,
            fromUserId,
            identifiers: [...new Set([phone, str(contact?.wa_id), fromUserId].filter((x): x is string => x !== null))],
            messageId: id,
            occurredAt: unixTime(message.timestamp),
            type,
            text: inboundText(type, message),
            opensWindow: type !== 'system',
            systemType: type === 'system' ? (str(obj(message.system)?.type) ?? 'unknown') : null,
            changedTo: type === 'system' ? (str(obj(message.system)?.wa_id) ?? str(obj(message.system)?.user_id)) : null,
            changedToAll: type === 'system' ? [str(obj(message.system)?.wa_id), str(obj(message.system)?.user_id)].filter((x): x is string => x !== null) : [],
          });
        }
      } else if (TEMPLATE_FIELDS.has(field ?? '') && wabaId) {
        const name = str(value.message_template_name);
        const language = str(value.message_template_language);
        if (!name || !language) continue;
        const id = value.message_template_id;
        const base = { wabaId, at, templateId: id === undefined || id === null ? null : String(id), name, language, occurredAt: entryTime };
        const change = templateChange(field!, value, base);
        if (change) out.templates.push(change);
      } else if (field === 'user_preferences') {
        for (const [i, p] of list(value.user_preferences).entries()) {
          const pref = obj(p);
          const userId = str(pref?.user_id);
          const waId = str(pref?.wa_id) ?? userId;
          const v = str(pref?.value);
          if (!pref || !waId || (v !== 'stop' && v !== 'resume') || str(pref.category) !== 'marketing_messages') continue;
          out.preferences.push({ phoneNumberId, wabaId, at: `${at}.user_preferences[${i}]`, waId, userId, value: v, occurredAt: unixTime(pref.timestamp) });
        }
      }
    }
  }
  return out;
}

/**
 * The words of an inbound message, by Meta's message types
 * (https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages):
 * `text.body`; a template quick reply's `button.text`; an interactive reply's `button_reply.title`
 * or `list_reply.title`; an image's, video's or document's `caption`. A quick reply is matched
 * against the opt-out keywords like typed text ("Stop promotions").
 */
function inboundText(type: string, message: Record<string, unknown>): string | null {
  switch (type) {
    case 'text':
      return str(obj(message.text)?.body);
    case 'button':
      return str(obj(message.button)?.text);
    case 'interactive': {
      const interactive = obj(message.interactive);
      return str(obj(interactive?.button_reply)?.title) ?? str(obj(interactive?.list_reply)?.title);
    }
    case 'image':
    case 'video':
    case 'document':
      return str(obj(message[type])?.caption);
    default:
      // reaction (an emoji), unsupported, system (quotes the old and new numbers), location, contacts…
      return null;
  }
}

const TEMPLATE_FIELDS = new Set(['message_template_status_update', 'message_template_quality_update', 'template_category_update']);

function templateChange(field: string, value: Record<string, unknown>, base: TemplateChangeBase): TemplateChange | null {
  if (field === 'message_template_status_update') {
    const event = str(value.event);
    if (!event) return null;
    const other = obj(value.other_info);
    const rejection = obj(value.rejection_info);
    return {
      ...base,
      field: 'status',
      event,
      reason: str(value.reason),
      category: str(value.message_template_category),
      otherInfo: other ? { title: str(other.title), description: str(other.description) } : null,
      rejectionInfo: rejection ? { reason: str(rejection.reason), recommendation: str(rejection.recommendation) } : null,
      disableDate: optionalUnixTime(obj(value.disable_info)?.disable_date),
    };
  }
  if (field === 'message_template_quality_update') {
    const score = str(value.new_quality_score);
    return score ? { ...base, field: 'quality', previous: str(value.previous_quality_score), score } : null;
  }
  const correct = str(value.correct_category);
  const current = str(value.new_category);
  if (correct) {
    return {
      ...base,
      field: 'category',
      previous: current,
      category: correct,
      impending: true,
      effectiveAt: optionalUnixTime(value.category_update_timestamp),
    };
  }
  return current ? { ...base, field: 'category', previous: str(value.previous_category), category: current, impending: false, effectiveAt: null } : null;
}

function obj(x: unknown): Record<string, unknown> | null {
  return x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

function str(x: unknown): string | null {
  return typeof x === 'string' && x !== '' ? x : typeof x === 'number' ? String(x) : null;
}

/** Meta's timestamps are unix seconds as strings; a missing or odd one becomes "now". */
function unixTime(x: unknown): Date {
  const n = Number(x);
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : new Date();
}

/** A unix-seconds time Meta may leave out: null rather than "now", so the caller decides what stands in. */
function optionalUnixTime(x: unknown): Date | null {
  const n = Number(x);
  return x !== null && x !== undefined && x !== '' && Number.isFinite(n) && n > 0 ? new Date(n * 1000) : null;
}
