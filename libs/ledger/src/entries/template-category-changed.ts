import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { ISO_INSTANT, NON_EMPTY, TEMPLATE_CATEGORY, UUID } from './schema-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'templateId', 'name', 'language', 'previous', 'category', 'impending', 'effectiveAt'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant whose WhatsApp Business account owns the template.' },
    templateId: { type: ['string', 'null'], description: "Meta's template id; null when the webhook had none." },
    name: { ...NON_EMPTY, description: 'Template name.' },
    language: { ...NON_EMPTY, description: 'Template language.' },
    previous: {
      type: ['string', 'null'],
      description: "The category before: Meta's `previous_category` (completed) or `new_category`, the current one (impending).",
    },
    category: { ...TEMPLATE_CATEGORY, description: "The category from effectiveAt on: Meta's `new_category` (completed) or `correct_category` (impending)." },
    impending: { type: 'boolean', description: 'True: Meta announced the change ahead (24 hours); false: Meta reports it done.' },
    effectiveAt: {
      ...ISO_INSTANT,
      description: 'When the category is in force: `category_update_timestamp` for an impending change, occurredAt for a completed one.',
    },
    applied: {
      type: 'boolean',
      description:
        'Whether the catalog took it. False when the template is not in the catalog, or when the catalog already held a category change Meta timed later (a delayed delivery): logged, nothing changed.',
    },
  },
} as const;

export type TemplateCategoryChangedBody = FromSchema<typeof body>;

/** https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update */
export const TEMPLATE_CATEGORY_CHANGED = {
  name: 'template.category_changed',
  version: 1,
  title: "Meta changed (or announced it will change) a template's category",
  body,
  aboutSubject: false,
  personal: [],
  proves:
    "That a signed Meta webhook (template_category_update) reported this category for the template, timed by Meta at occurredAt (the webhook entry's `time`), logged once however often Meta re-delivered it; when `applied` is not false, decisions recorded from effectiveAt on judged the template by this category (a template recategorised to MARKETING then needs a marketing opt-in: notification.decided names the category in force).",
  doesNotProve: 'Why Meta recategorised it, or that Meta priced messages by the new category from exactly effectiveAt.',
  facts: (b: TemplateCategoryChangedBody) => [`${b.name}/${b.language}`, `${b.previous ?? '?'} → ${b.category}${b.impending ? ` at ${b.effectiveAt}` : ''}`],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    templateId: '278077987957091',
    name: 'order_shipped',
    language: 'it',
    previous: 'UTILITY',
    category: 'MARKETING',
    impending: false,
    effectiveAt: '2026-12-02T10:00:00.000Z',
    applied: true,
  },
} as const satisfies EntryDefinition;

export function templateCategoryChanged(b: TemplateCategoryChangedBody, occurredAt: Date) {
  return newEntry(TEMPLATE_CATEGORY_CHANGED, b, { tenantId: b.tenantId, occurredAt });
}
