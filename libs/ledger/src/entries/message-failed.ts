import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { SEND_FIELDS, SEND_REQUIRED } from './send-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: [...SEND_REQUIRED, 'error'],
  properties: {
    ...SEND_FIELDS,
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['kind', 'title'],
      description: "The provider's final refusal (or the reason Sigillo gave up), as kept on the notification.",
      properties: {
        kind: {
          enum: ['transient', 'permanent', 'auth'],
          description: 'permanent: Meta refused the message as it is; transient or auth: the last try failed.',
        },
        code: { type: ['integer', 'null'], description: "Meta's error code (e.g. 131026, 131050); null when the answer had none." },
        title: { type: 'string', description: "Meta's error title, or Sigillo's reason." },
        message: { type: 'string', description: 'One line combining code, title and details.' },
        details: { type: ['string', 'null'], description: "Meta's error_data.details." },
        httpStatus: { type: ['integer', 'null'], description: 'HTTP status of the answer; null when none arrived.' },
      },
    },
  },
} as const;

export type MessageFailedBody = FromSchema<typeof body>;

export const MESSAGE_FAILED = {
  name: 'message.failed',
  version: 1,
  title: 'A notification was given up on: Meta refused it, or every retry failed',
  body,
  aboutSubject: true,
  personal: ['/to'],
  proves: 'That Sigillo stopped trying to send this notification after this attempt, for this recorded error, and sends it no more.',
  doesNotProve:
    'That the recipient received nothing: with `unresolvedAttempts`, an earlier attempt may still have gone out (a late message.submitted then says so).',
  facts: (b: MessageFailedBody) => [
    `${b.template.name}/${b.template.language}`,
    ...(typeof b.error.code === 'number' ? [`error ${b.error.code}`] : [b.error.kind]),
  ],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    notificationId: '0b6c2a9e-57d4-4f4e-8c1e-2f0a5b7d9c31',
    eventId: 'ord-1042-shipped',
    to: '+393331234567',
    template: { name: 'order_shipped', language: 'it', category: 'UTILITY' },
    attempt: 1,
    error: { kind: 'permanent', code: 131026, title: 'Message undeliverable', message: '(#131026) Message undeliverable', details: null, httpStatus: 400 },
  },
} as const satisfies EntryDefinition;
