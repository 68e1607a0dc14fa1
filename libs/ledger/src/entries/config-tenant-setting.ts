import type { FromSchema } from 'json-schema-to-ts';
import { ACTOR } from './config-parts.js';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { NON_EMPTY, UUID } from './schema-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'actor', 'setting', 'secret'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant.' },
    actor: ACTOR,
    setting: {
      ...NON_EMPTY,
      description: 'Which setting: `created` for a new tenant, else its name (`numberMode`, `throughputPerSecond`, `optOutKeywords`, `providerToken`…).',
    },
    secret: { type: 'boolean', description: 'A secret (provider token, app secret): only the fact of the change is recorded, never its value.' },
    value: { description: 'The new value, for settings that are not secret.' },
  },
} as const;

export type ConfigTenantSettingChangedBody = FromSchema<typeof body>;

export const CONFIG_TENANT_SETTING_CHANGED = {
  name: 'config.tenant_setting_changed',
  version: 1,
  title: "A tenant's setting was changed (or the tenant created)",
  body,
  aboutSubject: false,
  personal: [],
  proves: 'That the setting held this value from recordedAt on (a secret: that it was replaced), and who changed it.',
  doesNotProve: 'What the setting held before: the previous entry for it, if any, says so.',
  facts: (b: ConfigTenantSettingChangedBody) => [b.setting, `by ${b.actor.kind} ${b.actor.id}`],
  example: { tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b', actor: { kind: 'cli', id: 'cli' }, setting: 'numberMode', secret: false, value: 'coexistence' },
} as const satisfies EntryDefinition;

export function configTenantSettingChanged(b: ConfigTenantSettingChangedBody, occurredAt: Date = new Date()) {
  if (b.secret && 'value' in b) throw new TypeError(`a secret setting (${b.setting}) is recorded without its value`);
  return newEntry(CONFIG_TENANT_SETTING_CHANGED, b, { tenantId: b.tenantId, occurredAt });
}
