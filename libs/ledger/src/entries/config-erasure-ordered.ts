import type { FromSchema } from 'json-schema-to-ts';
import { ACTOR, EXAMPLE_ACTOR } from './config-parts.js';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { UUID } from './schema-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'actor', 'subject'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant.' },
    actor: ACTOR,
    subject: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description: 'The same reference as the subject.erased entry written with it (only the receipt links it to a person).',
    },
  },
} as const;

export type ConfigErasureOrderedBody = FromSchema<typeof body>;

export const CONFIG_ERASURE_ORDERED = {
  name: 'config.erasure_ordered',
  version: 1,
  title: 'Who ordered an erasure',
  body,
  aboutSubject: false,
  personal: [],
  proves: 'That the staff account or API key named ordered the erasure that the subject.erased entry with the same subject records, in the same transaction.',
  doesNotProve: 'Whose data it was, nor that the data subject asked for it.',
  facts: (b: ConfigErasureOrderedBody) => [`by ${b.actor.kind} ${b.actor.id}`],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    actor: EXAMPLE_ACTOR,
    subject: '3f7a0c1b9e2d4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90',
  },
} as const satisfies EntryDefinition;

export function configErasureOrdered(b: ConfigErasureOrderedBody, occurredAt: Date = new Date()) {
  return newEntry(CONFIG_ERASURE_ORDERED, b, { tenantId: b.tenantId, occurredAt });
}
