import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { TEMPLATE_STATUSES } from './notification-decided.js';
import { NON_EMPTY, UUID } from './schema-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'templateId', 'name', 'language', 'event', 'reason', 'status'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant whose WhatsApp Business account owns the template.' },
    templateId: { type: ['string', 'null'], description: "Meta's template id; null when the webhook had none." },
    name: { ...NON_EMPTY, description: 'Template name.' },
    language: { ...NON_EMPTY, description: 'Template language.' },
    event: { ...NON_EMPTY, description: "Meta's event, verbatim (APPROVED, REJECTED, PAUSED, REINSTATED, …)." },
    reason: { type: ['string', 'null'], description: "Meta's reason, when given." },
    status: { enum: [...TEMPLATE_STATUSES, null], description: 'The catalog status Sigillo set from it; null when the event changes none.' },
  },
} as const;

export type TemplateStatusChangedBody = FromSchema<typeof body>;

export const TEMPLATE_STATUS_CHANGED = {
  name: 'template.status_changed',
  version: 1,
  title: "Meta changed a template's status",
  body,
  aboutSubject: false,
  personal: [],
  proves: 'That a signed Meta webhook reported this template status change and, from recordedAt on, decisions used the status it set.',
  doesNotProve: 'Why Meta changed it, beyond the reason Meta gave.',
  facts: (b: TemplateStatusChangedBody) => [`${b.name}/${b.language}`, b.event],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    templateId: '1234567890',
    name: 'cart_reminder',
    language: 'it',
    event: 'PAUSED',
    reason: 'LOW_QUALITY',
    status: 'PAUSED',
  },
} as const satisfies EntryDefinition;

export function templateStatusChanged(b: TemplateStatusChangedBody, occurredAt: Date = new Date()) {
  return newEntry(TEMPLATE_STATUS_CHANGED, b, { tenantId: b.tenantId, occurredAt });
}
