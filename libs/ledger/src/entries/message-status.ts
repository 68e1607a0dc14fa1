import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { ANY_OBJECT, NON_EMPTY, UUID, WAMID } from './schema-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'notificationId', 'eventId', 'wamid', 'status', 'statusObject'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant owning the business number the status came through.' },
    notificationId: { ...UUID, description: 'The notification the message belongs to.' },
    eventId: { ...NON_EMPTY, description: 'The event that caused it.' },
    wamid: { ...WAMID, description: 'The message, as named by its `message.submitted` entry.' },
    status: { enum: ['sent', 'delivered', 'read', 'failed'], description: "Meta's delivery status." },
    statusObject: { ...ANY_OBJECT, description: "The status object of Meta's signed webhook, verbatim (timestamp, recipient, pricing, errors)." },
  },
} as const;

export type MessageStatusBody = FromSchema<typeof body>;

export const MESSAGE_STATUS = {
  name: 'message.status',
  version: 1,
  title: 'A delivery status Meta reported for a sent message',
  body,
  aboutSubject: true,
  personal: ['/wamid', '/statusObject'],
  proves:
    "That a webhook signed with the tenant's (or the deployment's) Meta app secret reported this status for this message, and Sigillo recorded it once, no later than recordedAt.",
  doesNotProve:
    'That the status is true (Meta asserts it), that the person read the message (a `read` needs read receipts on), or anything about statuses Meta never delivered.',
  facts: (b: MessageStatusBody) => [b.status, b.wamid],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    notificationId: '0b6c2a9e-57d4-4f4e-8c1e-2f0a5b7d9c31',
    eventId: 'ord-1042-shipped',
    wamid: 'wamid.HBgMMzkzMzMxMjM0NTY3FQIAERgSQUJDREVGMDEyMzQ1Njc4OQA=',
    status: 'delivered',
    statusObject: {
      id: 'wamid.HBgMMzkzMzMxMjM0NTY3FQIAERgSQUJDREVGMDEyMzQ1Njc4OQA=',
      status: 'delivered',
      timestamp: '1751362260',
      recipient_id: '393331234567',
    },
  },
} as const satisfies EntryDefinition;

export function messageStatus(b: MessageStatusBody, occurredAt: Date, subjectPhone: string | null) {
  return newEntry(MESSAGE_STATUS, b, { tenantId: b.tenantId, occurredAt, subjectPhone });
}
