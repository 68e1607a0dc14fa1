import { E164, NON_EMPTY, TEMPLATE_CATEGORY, UUID, WHATSAPP_USER } from './schema-parts.js';

/** The fields message.submitted and message.failed share: which notification, to whom, which template. */
export const SEND_FIELDS = {
  tenantId: { ...UUID, description: 'The tenant.' },
  notificationId: { ...UUID, description: 'The notification, as named by its `notification.decided` entry.' },
  eventId: { ...NON_EMPTY, description: 'The event that caused it.' },
  to: { ...E164, description: 'The recipient, E.164.' },
  template: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'language', 'category'],
    description: 'The template sent.',
    properties: {
      name: { ...NON_EMPTY, description: 'Meta template name.' },
      language: { ...NON_EMPTY, description: 'Meta template language.' },
      category: { enum: [...TEMPLATE_CATEGORY.enum, null], description: 'Its category when decided.' },
    },
  },
  attempt: { type: 'integer', minimum: 1, description: 'Which send attempt of the notification this is (1, 2, …).' },
  unresolvedAttempts: {
    type: 'array',
    items: { type: 'integer', minimum: 1 },
    description: 'Earlier attempts that were given up on without learning whether Meta accepted them: this message may have a twin from one of those.',
  },
} as const;

export const SEND_REQUIRED = ['tenantId', 'notificationId', 'eventId', 'to', 'template', 'attempt'] as const;

/** Version 2 of the shared fields: the recipient may be a business-scoped user id. */
export const SEND_FIELDS_V2 = {
  ...SEND_FIELDS,
  to: {
    ...WHATSAPP_USER,
    description: 'The recipient: E.164 (sent by `to`), or the business-scoped user id of a user known by no number (sent by `recipient`).',
  },
} as const;
