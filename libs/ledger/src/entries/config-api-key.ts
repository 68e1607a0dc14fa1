import type { FromSchema } from 'json-schema-to-ts';
import { ACTOR, EXAMPLE_ACTOR } from './config-parts.js';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { UUID } from './schema-parts.js';

const created = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'actor', 'keyId', 'role', 'label'],
  properties: {
    tenantId: { type: ['string', 'null'], pattern: UUID.pattern, description: 'The tenant the key acts for; null for a deployment-wide key.' },
    actor: ACTOR,
    keyId: { ...UUID, description: "The key's id. The key itself is shown once to its creator and kept nowhere, not even here." },
    role: { enum: ['passweb', 'auditor', 'admin'], description: "The key's role." },
    label: { type: 'string', description: 'The label its creator gave it.' },
  },
} as const;

export type ConfigApiKeyCreatedBody = FromSchema<typeof created>;

export const CONFIG_API_KEY_CREATED = {
  name: 'config.api_key_created',
  version: 1,
  title: 'An API key was created',
  body: created,
  aboutSubject: false,
  personal: [],
  proves: 'That a key with this id and role existed from recordedAt on, and who created it: every later change made with the key names this id.',
  doesNotProve: 'Who held the key afterwards: whoever has a key acts with it.',
  facts: (b: ConfigApiKeyCreatedBody) => [`${b.role} key ${b.keyId}`, `by ${b.actor.kind} ${b.actor.id}`],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    actor: EXAMPLE_ACTOR,
    keyId: '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b',
    role: 'passweb',
    label: 'shop checkout',
  },
} as const satisfies EntryDefinition;

export function configApiKeyCreated(b: ConfigApiKeyCreatedBody, occurredAt: Date = new Date()) {
  return newEntry(CONFIG_API_KEY_CREATED, b, { tenantId: b.tenantId, occurredAt });
}

const revoked = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'actor', 'keyId'],
  properties: {
    tenantId: { type: ['string', 'null'], pattern: UUID.pattern, description: 'The tenant the key acted for; null for a deployment-wide key.' },
    actor: ACTOR,
    keyId: { ...UUID, description: "The revoked key's id." },
  },
} as const;

export type ConfigApiKeyRevokedBody = FromSchema<typeof revoked>;

export const CONFIG_API_KEY_REVOKED = {
  name: 'config.api_key_revoked',
  version: 1,
  title: 'An API key was revoked',
  body: revoked,
  aboutSubject: false,
  personal: [],
  proves: 'That the key was refused from recordedAt on (within the seconds an api caches keys), and who revoked it.',
  doesNotProve: 'That the key had not leaked before, nor what was done with it until then.',
  facts: (b: ConfigApiKeyRevokedBody) => [`key ${b.keyId}`, `by ${b.actor.kind} ${b.actor.id}`],
  example: { tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b', actor: EXAMPLE_ACTOR, keyId: '0e9d8c7b-6a5f-4e3d-8c2b-1a0f9e8d7c6b' },
} as const satisfies EntryDefinition;

export function configApiKeyRevoked(b: ConfigApiKeyRevokedBody, occurredAt: Date = new Date()) {
  return newEntry(CONFIG_API_KEY_REVOKED, b, { tenantId: b.tenantId, occurredAt });
}
