/**
 * What Sigillo takes from a Meta WhatsApp webhook: delivery statuses, inbound messages, template
 * status changes and marketing preferences, each tagged with the business number or account it
 * concerns. Pure and forgiving: an unknown field or change is skipped, never an error, because Meta
 * adds fields and a webhook that we refuse is lost. Which tenant a part belongs to is decided
 * afterwards (webhook-routing.ts), from the ids each part carries.
 */
/** Where a part came from: the business number it names, its entry's WABA id, its path in the payload. */
export interface PartOrigin {
  phoneNumberId: string | null;
  wabaId: string | null;
  /** e.g. entry[0].changes[1].statuses[2]: names the part in a rejection without copying it. */
  at: string;
}

export interface StatusUpdate extends PartOrigin {
  wamid: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  occurredAt: Date;
  recipientId: string | null;
  callbackData: string | null;
  /** The status object as Meta sent it: errors[] (code, title, message, error_data.details) and pricing kept whole. */
  raw: Record<string, unknown>;
}

export interface InboundMessage extends PartOrigin {
  from: string;
  messageId: string;
  occurredAt: Date;
  type: string;
  text: string | null;
}

export interface TemplateStatusChange {
  wabaId: string;
  at: string;
  event: string;
  templateId: string | null;
  name: string;
  language: string;
  reason: string | null;
}

export interface MarketingPreference extends PartOrigin {
  waId: string;
  value: 'stop' | 'resume';
  occurredAt: Date;
}

export interface ParsedWebhook {
  statuses: StatusUpdate[];
  inbound: InboundMessage[];
  templates: TemplateStatusChange[];
  preferences: MarketingPreference[];
}

const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

export function parseMetaWebhook(payload: unknown): ParsedWebhook {
  const out: ParsedWebhook = { statuses: [], inbound: [], templates: [], preferences: [] };
  for (const [e, entry] of list(obj(payload)?.entry).entries()) {
    const wabaId = str(obj(entry)?.id);
    for (const [c, change] of list(obj(entry)?.changes).entries()) {
      const at = `entry[${e}].changes[${c}]`;
      const field = str(obj(change)?.field);
      const value = obj(obj(change)?.value);
      if (!value) continue;
      const phoneNumberId = str(obj(value.metadata)?.phone_number_id);
      if (field === 'messages') {
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
            callbackData: str(status.biz_opaque_callback_data),
            raw: status,
          });
        }
        for (const [i, m] of list(value.messages).entries()) {
          const message = obj(m);
          const from = str(message?.from);
          const id = str(message?.id);
          if (!message || !from || !id) continue;
          out.inbound.push({
            phoneNumberId,
            wabaId,
            at: `${at}.messages[${i}]`,
            from,
            messageId: id,
            occurredAt: unixTime(message.timestamp),
            type: str(message.type) ?? 'unknown',
            text: str(obj(message.text)?.body) ?? str(obj(message.button)?.text) ?? str(obj(obj(message.interactive)?.button_reply)?.title),
          });
        }
      } else if (field === 'message_template_status_update' && wabaId) {
        const name = str(value.message_template_name);
        const language = str(value.message_template_language);
        const event = str(value.event);
        if (!name || !language || !event) continue;
        const id = value.message_template_id;
        out.templates.push({ wabaId, at, event, templateId: id === undefined || id === null ? null : String(id), name, language, reason: str(value.reason) });
      } else if (field === 'user_preferences') {
        for (const [i, p] of list(value.user_preferences).entries()) {
          const pref = obj(p);
          const waId = str(pref?.wa_id);
          const v = str(pref?.value);
          if (!pref || !waId || (v !== 'stop' && v !== 'resume') || str(pref.category) !== 'marketing_messages') continue;
          out.preferences.push({ phoneNumberId, wabaId, at: `${at}.user_preferences[${i}]`, waId, value: v, occurredAt: unixTime(pref.timestamp) });
        }
      }
    }
  }
  return out;
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
