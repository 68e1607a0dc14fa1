import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { TEMPLATE_STATUSES } from './notification-decided.js';
import { ISO_INSTANT, NON_EMPTY, UUID } from './schema-parts.js';

const NULLABLE_TEXT = { type: ['string', 'null'] } as const;

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'templateId', 'name', 'language', 'event', 'reason', 'status', 'statusReason'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant whose WhatsApp Business account owns the template.' },
    templateId: { type: ['string', 'null'], description: "Meta's template id; null when the webhook had none." },
    name: { ...NON_EMPTY, description: 'Template name.' },
    language: { ...NON_EMPTY, description: 'Template language.' },
    event: { ...NON_EMPTY, description: "Meta's event, verbatim (APPROVED, REJECTED, PAUSED, REINSTATED, FLAGGED, …)." },
    reason: { ...NULLABLE_TEXT, description: "Meta's `reason`, verbatim (a rejection reason, NONE for a pause); null when absent." },
    category: { ...NULLABLE_TEXT, description: "Meta's `message_template_category`, when given." },
    otherInfo: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'description'],
      description: "Meta's `other_info` of a pause or unpause: title FIRST_PAUSE, SECOND_PAUSE, RATE_LIMITING_PAUSE, UNPAUSE or DISABLED, and its description.",
      properties: { title: NULLABLE_TEXT, description: NULLABLE_TEXT },
    },
    rejectionInfo: {
      type: 'object',
      additionalProperties: false,
      required: ['reason', 'recommendation'],
      description: "Meta's `rejection_info` of an INVALID_FORMAT rejection.",
      properties: { reason: NULLABLE_TEXT, recommendation: NULLABLE_TEXT },
    },
    disableDate: { ...ISO_INSTANT, description: "Meta's `disable_info.disable_date` of a disabled template." },
    status: { enum: [...TEMPLATE_STATUSES, null], description: 'The catalog status Sigillo set from it; null when the event changes none.' },
    statusReason: {
      ...NULLABLE_TEXT,
      description:
        "The reason decisions give for the status from now on (a pause's title such as FIRST_PAUSE, a rejection's reason); null when Meta gave none or the event sets no status.",
    },
    applied: {
      type: 'boolean',
      description:
        'Whether the catalog took it; absent when the event sets no status (FLAGGED, LOCKED…). False when the template is not in the catalog, or when the catalog already held a change Meta timed later (a delayed delivery): logged, nothing changed.',
    },
  },
} as const;

export type TemplateStatusChangedV2Body = FromSchema<typeof body>;

/**
 * Version 2 of template.status_changed: occurredAt is the time Meta gives (the webhook entry's
 * `time`), no longer the time Sigillo processed it, and Meta's pause and rejection details are kept.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update
 */
export const TEMPLATE_STATUS_CHANGED_V2 = {
  name: 'template.status_changed',
  version: 2,
  title: "Meta changed a template's status, at the time Meta gives",
  body,
  aboutSubject: false,
  personal: [],
  proves:
    "That a signed Meta webhook reported this template status change, timed by Meta at occurredAt (the webhook entry's `time`), and that it is logged once however often Meta re-delivered it. When `applied` is not false, decisions recorded after it used the status and `statusReason` it set until a later change; a refusal of a paused template names that reason (notification.decided version 2).",
  doesNotProve: 'Why Meta changed it, beyond the reason and details Meta gave; nor that Meta sent it at occurredAt rather than re-delivered it later.',
  facts: (b: TemplateStatusChangedV2Body) => [`${b.name}/${b.language}`, b.event + (b.statusReason ? ` ${b.statusReason}` : '')],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    templateId: '1234567890',
    name: 'cart_reminder',
    language: 'it',
    event: 'PAUSED',
    reason: 'NONE',
    category: 'MARKETING',
    otherInfo: { title: 'FIRST_PAUSE', description: 'Your WhatsApp message template has been paused for 3 hours.' },
    status: 'PAUSED',
    statusReason: 'FIRST_PAUSE',
    applied: true,
  },
} as const satisfies EntryDefinition;

export function templateStatusChangedV2(b: TemplateStatusChangedV2Body, occurredAt: Date) {
  return newEntry(TEMPLATE_STATUS_CHANGED_V2, b, { tenantId: b.tenantId, occurredAt });
}
