import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { ISO_INSTANT, NON_EMPTY, UUID, WHATSAPP_USER } from './schema-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'systemType', 'to', 'consents', 'windowOpenUntil'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant.' },
    systemType: {
      ...NON_EMPTY,
      description: "Meta's `system.type`, as Meta sent it: `user_changed_number` (a new number), `user_changed_user_id` (a new business-scoped user id).",
    },
    to: {
      ...WHATSAPP_USER,
      description: 'The new identifier: E.164, or the new business-scoped user id. The old one is not in the entry (it may be given to someone else).',
    },
    consents: {
      type: 'array',
      description: 'Each consent in force for the old identifier, recorded again for the new one.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['category', 'action', 'carriedConsentId', 'consentId'],
        properties: {
          category: { enum: ['marketing', 'utility', 'authentication', 'all'], description: 'Which messages.' },
          action: { enum: ['opt_in', 'opt_out'], description: 'The consent carried over.' },
          carriedConsentId: { ...UUID, description: 'The consent.changed entry (its consentId) in force for the old identifier.' },
          consentId: { ...UUID, description: 'The consent.changed entry (source meta-user-changed-number) that records it for the new identifier.' },
        },
      },
    },
    windowOpenUntil: {
      anyOf: [ISO_INSTANT, { type: 'null' }],
      description: 'The end of the customer-service window carried to the new identifier; null when none was carried.',
    },
  },
} as const;

export type ContactNumberChangedBody = FromSchema<typeof body>;

/** https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/messages/system */
export const CONTACT_NUMBER_CHANGED = {
  name: 'contact.number_changed',
  version: 1,
  title: "A user's change of number (or business-scoped user id), and what Sigillo moved to the new one",
  body,
  aboutSubject: true,
  personal: ['/to'],
  proves:
    "That a signed Meta webhook (a `system` message) told Sigillo, at occurredAt (Meta's time), that the user now writes from `to`, and that from recordedAt on the consents listed (each named by the consent.changed entries before and after) and the window until windowOpenUntil held for the new identifier. The old identifier is not linked to the new one: a number given to someone else inherits nothing.",
  doesNotProve:
    'That old and new identifier belong to the same person beyond Meta saying so, nor which the old identifier was (the carried consent entries name it, until it is erased).',
  facts: (b: ContactNumberChangedBody) => [b.systemType, `${b.consents.length} consent(s)`, b.windowOpenUntil === null ? 'no window' : 'window carried'],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    systemType: 'user_changed_number',
    to: '+393339876543',
    consents: [
      { category: 'marketing', action: 'opt_in', carriedConsentId: '9f1e0c2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f', consentId: '2a7c1e90-5d3b-4f6a-9c8e-1b0d2f3e4a5c' },
    ],
    windowOpenUntil: '2026-07-02T09:30:00.000Z',
  },
} as const satisfies EntryDefinition;

export function contactNumberChanged(b: ContactNumberChangedBody, occurredAt: Date) {
  return newEntry(CONTACT_NUMBER_CHANGED, b, { tenantId: b.tenantId, occurredAt, subjectPhone: b.to });
}
