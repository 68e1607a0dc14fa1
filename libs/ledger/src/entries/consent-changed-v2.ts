import type { FromSchema } from 'json-schema-to-ts';
import { CONSENT_CHANGED } from './consent-changed.js';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { WHATSAPP_USER } from './schema-parts.js';

const v1 = CONSENT_CHANGED.body;

const body = {
  ...v1,
  properties: {
    ...v1.properties,
    phone: {
      ...WHATSAPP_USER,
      description: 'Whose consent: E.164, or the business-scoped user id (BSUID, e.g. IT.1502576394655843) of a WhatsApp user Meta names by no number.',
    },
    source: {
      ...v1.properties.source,
      description:
        "Who reported it: the caller's label (`passweb-checkout`), `whatsapp-keyword`, `meta-user-preferences`, `meta-error-131050`, or `meta-user-changed-number` (a consent carried to a user's new identifier: see contact.number_changed).",
    },
  },
} as const;

export type ConsentChangedV2Body = FromSchema<typeof body>;

/**
 * Version 2 of consent.changed: the person may be named by a business-scoped user id. Sigillo
 * writes every consent change as version 2 since 2026-12-02; version 1 entries name an E.164 number.
 */
export const CONSENT_CHANGED_V2 = {
  name: 'consent.changed',
  version: 2,
  title: 'A consent given or withdrawn, for a number or a business-scoped user id',
  body,
  aboutSubject: true,
  personal: CONSENT_CHANGED.personal,
  proves: `${CONSENT_CHANGED.proves} When phone is a business-scoped user id, the change holds for that WhatsApp user and, from recordedAt on, for every identifier Sigillo links to the same person (their number, Meta's resolved wa_id).`,
  doesNotProve: CONSENT_CHANGED.doesNotProve,
  facts: (b: ConsentChangedV2Body) => [`${b.category} ${b.action}`, b.source],
  example: { ...CONSENT_CHANGED.example },
} as const satisfies EntryDefinition;

export function consentChanged(b: ConsentChangedV2Body, occurredAt: Date) {
  return newEntry(CONSENT_CHANGED_V2, b, { tenantId: b.tenantId, occurredAt, subjectPhone: b.phone });
}
