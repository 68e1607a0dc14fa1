import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { WAMID } from './schema-parts.js';
import { SEND_FIELDS, SEND_REQUIRED } from './send-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: [...SEND_REQUIRED, 'wamid'],
  properties: {
    ...SEND_FIELDS,
    wamid: { ...WAMID, description: "Meta's id of the accepted message; its `message.status` entries carry the same." },
    pricing: {
      type: 'object',
      additionalProperties: false,
      required: ['windowOpen', 'expected'],
      description: 'Absent from entries written before pricing was recorded. Whether the customer-service window was open, and so whether Meta should bill it.',
      properties: {
        windowOpen: { type: 'boolean', description: 'The recipient wrote within the last 24 hours.' },
        expected: { enum: ['free', 'billable'], description: 'free: a UTILITY template inside an open window; billable otherwise.' },
      },
    },
    reconciled: {
      const: true,
      description: 'Present when the answer to the send call was lost and the acceptance was learned from its status webhooks instead.',
    },
    late: {
      const: true,
      description: 'Present when the attempt had been given up on and its statuses, arriving late, showed Meta had accepted it.',
    },
  },
} as const;

export type MessageSubmittedBody = FromSchema<typeof body>;

export const MESSAGE_SUBMITTED = {
  name: 'message.submitted',
  version: 1,
  title: 'Meta accepted a template message for sending',
  body,
  aboutSubject: true,
  personal: ['/to', '/wamid'],
  proves:
    "That Meta's Cloud API accepted this template message for this number on this attempt and gave it this wamid (or, with `reconciled`, that its status webhooks showed so).",
  doesNotProve: "That the message reached the phone or was read (see message.status), nor its text: the template's parameters are not in the ledger.",
  facts: (b: MessageSubmittedBody) => [`${b.template.name}/${b.template.language}`, ...(b.late ? ['late'] : b.reconciled ? ['reconciled'] : []), b.wamid],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    notificationId: '0b6c2a9e-57d4-4f4e-8c1e-2f0a5b7d9c31',
    eventId: 'ord-1042-shipped',
    to: '+393331234567',
    template: { name: 'order_shipped', language: 'it', category: 'UTILITY' },
    wamid: 'wamid.HBgMMzkzMzMxMjM0NTY3FQIAERgSQUJDREVGMDEyMzQ1Njc4OQA=',
    attempt: 1,
    pricing: { windowOpen: false, expected: 'billable' },
  },
} as const satisfies EntryDefinition;
