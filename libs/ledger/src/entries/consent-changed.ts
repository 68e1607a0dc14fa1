import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { ANY_OBJECT, E164, ISO_INSTANT, NON_EMPTY, UUID } from './schema-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'consentId', 'phone', 'category', 'action', 'source', 'evidence', 'occurredAt'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant.' },
    consentId: { ...UUID, description: "Sigillo's id of the change; decisions relying on it name it." },
    clientId: {
      ...NON_EMPTY,
      description: "The caller's idempotency id, or Sigillo's own (`wa-inbound:…`, `wa-preference:…`, `wa-131050:…`) for changes it saw itself.",
    },
    phone: { ...E164, description: 'Whose consent, E.164.' },
    userId: { ...NON_EMPTY, description: "Passweb's user id, when given." },
    category: { enum: ['marketing', 'utility', 'authentication', 'all'], description: 'Which messages the change is about.' },
    action: { enum: ['opt_in', 'opt_out'], description: 'Given or withdrawn.' },
    source: {
      ...NON_EMPTY,
      description: "Who reported it: the caller's label (`passweb-checkout`), `whatsapp-keyword`, `meta-user-preferences`, `meta-error-131050`.",
    },
    evidence: { ...ANY_OBJECT, description: 'What the reporter offers as proof (form, text version, inbound message id, Meta error), verbatim.' },
    occurredAt: { ...ISO_INSTANT, description: 'When the change happened, as reported.' },
  },
} as const;

export type ConsentChangedBody = FromSchema<typeof body>;

export const CONSENT_CHANGED = {
  name: 'consent.changed',
  version: 1,
  title: 'A consent given or withdrawn, as reported to Sigillo or seen by it',
  body,
  aboutSubject: true,
  personal: ['/phone', '/userId', '/clientId', '/evidence'],
  proves:
    'That this change was on record from recordedAt on: every later decision for the number and category takes it into account, and a decision naming this consentId relied on it.',
  doesNotProve: 'That the person really gave or withdrew consent: the source asserts it, with the evidence it chose to give.',
  facts: (b: ConsentChangedBody) => [`${b.category} ${b.action}`, b.source],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    consentId: '9f1e0c2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f',
    clientId: 'checkout-55120',
    phone: '+393331234567',
    userId: 'u-77',
    category: 'marketing',
    action: 'opt_in',
    source: 'passweb-checkout',
    evidence: { form: 'checkout', textVersion: '2026-01' },
    occurredAt: '2026-06-30T17:02:11.000Z',
  },
} as const satisfies EntryDefinition;
