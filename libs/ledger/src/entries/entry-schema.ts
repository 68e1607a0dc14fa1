import type { EntryDefinition } from './definition.js';
import { entryTypeName } from './definition.js';
import { ISO_INSTANT } from './schema-parts.js';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** The published schema's id: a name, not a location (the api serves it at /v1/ledger/schemas/…). */
export function entrySchemaId(def: Pick<EntryDefinition, 'name' | 'version'>): string {
  return `urn:sigillo:ledger-entry:${def.name}:v${def.version}`;
}

/**
 * The JSON Schema of a whole entry of one type and version: the envelope every entry has (exactly
 * the object whose RFC 8785 form the leaf commits to) around the type's body. Annotations
 * (`x-sigillo`, `x-personal-data`) carry the definition's meaning for readers; validators ignore them.
 */
export const ENVELOPE_ID = 'urn:sigillo:ledger-entry:envelope';

const ENVELOPE_PROPERTIES = {
  seq: { type: 'integer', minimum: 0, description: 'Position in the log: the leaf index.' },
  type: { type: 'string', description: 'The entry type; version 1 is written with the bare name, version N as `<name>/vN`.' },
  occurredAt: { ...ISO_INSTANT, description: 'When what the entry records happened, as its source says.' },
  recordedAt: { ...ISO_INSTANT, description: "When Sigillo's sequencer gave the entry its place in the log." },
  body: { type: 'object', description: 'Depends on the type.' },
};
const ENVELOPE_REQUIRED = ['seq', 'type', 'occurredAt', 'recordedAt', 'body'];

/** What every entry is, whatever its type: checked before its body is checked against its type. */
export function envelopeSchema(): Record<string, unknown> {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: ENVELOPE_ID,
    type: 'object',
    additionalProperties: false,
    required: ENVELOPE_REQUIRED,
    properties: ENVELOPE_PROPERTIES,
  };
}

export function entrySchema(def: EntryDefinition): Record<string, unknown> {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: entrySchemaId(def),
    title: `${entryTypeName(def.name, def.version)} (version ${def.version}): ${def.title}`,
    description: `Proves: ${def.proves} Does not prove: ${def.doesNotProve}`,
    'x-sigillo': {
      name: def.name,
      version: def.version,
      aboutSubject: def.aboutSubject,
      personal: def.personal,
    },
    type: 'object',
    additionalProperties: false,
    required: ENVELOPE_REQUIRED,
    properties: {
      ...ENVELOPE_PROPERTIES,
      type: { ...ENVELOPE_PROPERTIES.type, const: entryTypeName(def.name, def.version) },
      body: withPersonalMarks(def.body as Record<string, unknown>, def.personal),
    },
    examples: [
      {
        seq: 1841,
        type: entryTypeName(def.name, def.version),
        occurredAt: '2026-07-01T09:30:00.000Z',
        recordedAt: '2026-07-01T09:30:00.412Z',
        body: def.example,
      },
    ],
  };
}

/** The body schema with `"x-personal-data": true` on each personal field. */
function withPersonalMarks(body: Record<string, unknown>, personal: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(body);
  for (const pointer of personal) {
    let node = copy;
    const parts = pointer.split('/').slice(1);
    for (const part of parts) {
      const props = node.properties as Record<string, Record<string, unknown>> | undefined;
      if (!props?.[part]) throw new Error(`personal field ${pointer} is not a property of the body schema`);
      node = props[part];
    }
    node['x-personal-data'] = true;
  }
  return copy;
}
