import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { UUID } from './schema-parts.js';

const COUNT = { type: 'integer', minimum: 0 } as const;

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'subject', 'erasedEntries', 'redacted'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant.' },
    subject: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description: "HMAC-SHA-256 of the subject under a key Sigillo did not keep: only the erasure's receipt links it to a person.",
    },
    erasedEntries: { ...COUNT, description: 'How many ledger entries were crypto-shredded (salt and body deleted, leaf kept).' },
    firstSeq: { ...COUNT, description: 'Seq of the first erased entry; absent when none was erased.' },
    lastSeq: { ...COUNT, description: 'Seq of the last erased entry.' },
    redacted: {
      type: 'object',
      additionalProperties: COUNT,
      description:
        'Rows redacted or deleted outside the ledger, per kind (events, notifications, cancelledSends, consents, messageStatuses, inboundMessages, customerWindows, webhookPayloads).',
    },
  },
  dependentRequired: { firstSeq: ['lastSeq'], lastSeq: ['firstSeq'] },
} as const;

export type SubjectErasedBody = FromSchema<typeof body>;

export const SUBJECT_ERASED = {
  name: 'subject.erased',
  version: 1,
  title: "A person's data was erased (GDPR art. 17)",
  body,
  aboutSubject: false,
  personal: [],
  proves:
    'That an erasure took place at recordedAt and how many entries it shredded (the audit checks the count and range against the erased entries that name it): an entry erased without such a record, or more than recorded, is reported.',
  doesNotProve: 'Whose data it was, to anyone without the receipt, nor what the erased entries said.',
  facts: (b: SubjectErasedBody) => [`${b.erasedEntries} ${b.erasedEntries === 1 ? 'entry' : 'entries'} erased`],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    subject: '3f7a0c1b9e2d4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90',
    erasedEntries: 5,
    firstSeq: 1840,
    lastSeq: 1852,
    redacted: { events: 1, notifications: 1, cancelledSends: 0, consents: 1, messageStatuses: 2, inboundMessages: 0, customerWindows: 0, webhookPayloads: 2 },
  },
} as const satisfies EntryDefinition;

export function subjectErased(b: SubjectErasedBody, occurredAt: Date = new Date()) {
  return newEntry(SUBJECT_ERASED, b, { tenantId: b.tenantId, occurredAt });
}
