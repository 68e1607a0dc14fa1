// Schema fragments of the configuration entries (issue 16): who made a change. Never a secret,
// never a password, never a customer's personal data.
import type { FromSchema } from 'json-schema-to-ts';
import { NON_EMPTY } from './schema-parts.js';

export const ACTOR_KINDS = ['staff', 'api_key', 'cli'] as const;

export const ACTOR = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'id'],
  properties: {
    kind: { enum: ACTOR_KINDS, description: 'A staff account signed in to the console, an API key, or the operator at the `sigillo` command line.' },
    id: { ...NON_EMPTY, description: "The staff account's or API key's id (never the key itself); `cli` for the command line." },
  },
  description: 'Who made the change.',
} as const;

export type LedgerActor = FromSchema<typeof ACTOR>;

export const EXAMPLE_ACTOR = { kind: 'staff', id: '7b2f6d1e-0c4a-4e8b-9a1d-3c5e7f9a1b2c' } as const;
