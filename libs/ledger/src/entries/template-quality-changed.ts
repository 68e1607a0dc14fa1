import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { NON_EMPTY, UUID } from './schema-parts.js';

/** Meta's template quality scores: GREEN high, YELLOW medium, RED low, UNKNOWN pending. */
export const TEMPLATE_QUALITY_SCORES = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'templateId', 'name', 'language', 'previous', 'score'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant whose WhatsApp Business account owns the template.' },
    templateId: { type: ['string', 'null'], description: "Meta's template id; null when the webhook had none." },
    name: { ...NON_EMPTY, description: 'Template name.' },
    language: { ...NON_EMPTY, description: 'Template language.' },
    previous: { type: ['string', 'null'], description: "Meta's `previous_quality_score` (GREEN, YELLOW, RED, UNKNOWN), verbatim; null when absent." },
    score: { ...NON_EMPTY, description: "Meta's `new_quality_score` (GREEN, YELLOW, RED, UNKNOWN), verbatim." },
    applied: {
      type: 'boolean',
      description:
        'Whether the catalog took it. False when the template is not in the catalog, or when the catalog already held a score Meta timed later (a delayed delivery): logged, nothing changed.',
    },
  },
} as const;

export type TemplateQualityChangedBody = FromSchema<typeof body>;

/** https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_quality_update */
export const TEMPLATE_QUALITY_CHANGED = {
  name: 'template.quality_changed',
  version: 1,
  title: "Meta changed a template's quality score",
  body,
  aboutSubject: false,
  personal: [],
  proves:
    "That a signed Meta webhook (message_template_quality_update) reported this quality score for the template, timed by Meta at occurredAt (the webhook entry's `time`), logged once however often Meta re-delivered it. Meta pauses templates whose quality falls: a later template.status_changed PAUSED often follows a RED.",
  doesNotProve: 'How Meta computed the score, or that the quality score alone refused any send: decisions refuse on the status, not the score.',
  facts: (b: TemplateQualityChangedBody) => [`${b.name}/${b.language}`, `${b.previous ?? '?'} → ${b.score}`],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    templateId: '1234567890',
    name: 'cart_reminder',
    language: 'it',
    previous: 'GREEN',
    score: 'YELLOW',
    applied: true,
  },
} as const satisfies EntryDefinition;

export function templateQualityChanged(b: TemplateQualityChangedBody, occurredAt: Date) {
  return newEntry(TEMPLATE_QUALITY_CHANGED, b, { tenantId: b.tenantId, occurredAt });
}
