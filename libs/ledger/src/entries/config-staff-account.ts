import type { FromSchema } from 'json-schema-to-ts';
import { ACTOR, EXAMPLE_ACTOR } from './config-parts.js';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { UUID } from './schema-parts.js';

const TENANT_OR_GLOBAL = { type: ['string', 'null'], pattern: UUID.pattern, description: 'The tenant of the account; null for a global operator.' } as const;

const created = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'actor', 'accountId', 'role'],
  properties: {
    tenantId: TENANT_OR_GLOBAL,
    actor: ACTOR,
    accountId: { ...UUID, description: "The new staff account's id (its e-mail and name stay out of the log: they are a person's data)." },
    role: { enum: ['admin', 'support', 'auditor'], description: 'What the account may do in the console.' },
  },
} as const;

export type ConfigStaffAccountCreatedBody = FromSchema<typeof created>;

export const CONFIG_STAFF_ACCOUNT_CREATED = {
  name: 'config.staff_account_created',
  version: 1,
  title: 'A staff account was created for the console',
  body: created,
  aboutSubject: false,
  personal: [],
  proves: 'That the account existed with this role from recordedAt on, and who created it: every change it makes later names its id.',
  doesNotProve: 'Who the account belongs to, nor who signed in with it.',
  facts: (b: ConfigStaffAccountCreatedBody) => [`${b.role} account ${b.accountId}`, `by ${b.actor.kind} ${b.actor.id}`],
  example: { tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b', actor: EXAMPLE_ACTOR, accountId: '2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5f7a', role: 'support' },
} as const satisfies EntryDefinition;

export function configStaffAccountCreated(b: ConfigStaffAccountCreatedBody, occurredAt: Date = new Date()) {
  return newEntry(CONFIG_STAFF_ACCOUNT_CREATED, b, { tenantId: b.tenantId, occurredAt });
}

const disabled = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'actor', 'accountId'],
  properties: {
    tenantId: TENANT_OR_GLOBAL,
    actor: ACTOR,
    accountId: { ...UUID, description: "The disabled account's id." },
  },
} as const;

export type ConfigStaffAccountDisabledBody = FromSchema<typeof disabled>;

export const CONFIG_STAFF_ACCOUNT_DISABLED = {
  name: 'config.staff_account_disabled',
  version: 1,
  title: 'A staff account was disabled (its sessions ended)',
  body: disabled,
  aboutSubject: false,
  personal: [],
  proves: 'That from recordedAt on the account could no longer sign in or act, and who disabled it.',
  doesNotProve: 'Why it was disabled.',
  facts: (b: ConfigStaffAccountDisabledBody) => [`account ${b.accountId}`, `by ${b.actor.kind} ${b.actor.id}`],
  example: { tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b', actor: EXAMPLE_ACTOR, accountId: '2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5f7a' },
} as const satisfies EntryDefinition;

export function configStaffAccountDisabled(b: ConfigStaffAccountDisabledBody, occurredAt: Date = new Date()) {
  return newEntry(CONFIG_STAFF_ACCOUNT_DISABLED, b, { tenantId: b.tenantId, occurredAt });
}
