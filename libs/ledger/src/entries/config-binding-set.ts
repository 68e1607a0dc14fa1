import type { FromSchema } from 'json-schema-to-ts';
import { ACTOR, EXAMPLE_ACTOR } from './config-parts.js';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { ANY_OBJECT, NON_EMPTY, UUID } from './schema-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'actor', 'eventType', 'binding'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant.' },
    actor: ACTOR,
    eventType: { ...NON_EMPTY, description: 'The Passweb event type bound.' },
    binding: { ...ANY_OBJECT, description: 'The binding as stored from then on: templates per language, placeholder → event variable map, filters, media.' },
  },
} as const;

export type ConfigBindingSetBody = FromSchema<typeof body>;

export const CONFIG_BINDING_SET = {
  name: 'config.binding_set',
  version: 1,
  title: 'An event type was bound to templates (the binding in force from then on)',
  body,
  aboutSubject: false,
  personal: [],
  proves:
    'That from recordedAt on this binding was the one Sigillo used for the event type, and which staff account or API key set it: a dispute about a message can show the binding in force and who set it.',
  doesNotProve: 'That the person behind the account or key meant the change, nor that any message was sent with it.',
  facts: (b: ConfigBindingSetBody) => [b.eventType, `by ${b.actor.kind} ${b.actor.id}`],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    actor: EXAMPLE_ACTOR,
    eventType: 'order.status_changed',
    binding: {
      eventType: 'order.status_changed',
      templates: [{ name: 'order_status_update', language: 'it' }],
      variables: { 'body.1': 'firstName', 'body.2': 'documentCode', 'body.3': 'newStatus' },
    },
  },
} as const satisfies EntryDefinition;

export function configBindingSet(b: ConfigBindingSetBody, occurredAt: Date = new Date()) {
  return newEntry(CONFIG_BINDING_SET, b, { tenantId: b.tenantId, occurredAt });
}
