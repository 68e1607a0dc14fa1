import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { ANY_OBJECT, E164, ISO_INSTANT, NON_EMPTY, UUID } from './schema-parts.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'eventId', 'eventType', 'occurredAt', 'recipient', 'data', 'createdByAgent'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant whose Passweb site sent the event.' },
    eventId: { ...NON_EMPTY, description: "Passweb's id of the event; the same id is never recorded twice for a tenant." },
    eventType: { ...NON_EMPTY, description: 'Passweb event type, e.g. `order.status_changed`.' },
    occurredAt: { ...ISO_INSTANT, description: "When the event happened, as Passweb says (also the entry's occurredAt)." },
    recipient: {
      type: 'object',
      additionalProperties: false,
      required: ['userId', 'phone', 'groups', 'whatsappOptOut'],
      description: 'The person the event concerns, as Passweb sent them.',
      properties: {
        userId: { ...NON_EMPTY, description: "Passweb's user id." },
        phone: { ...E164, description: 'WhatsApp number, E.164.' },
        name: { type: 'string', description: 'Display name, when sent.' },
        language: { type: 'string', description: 'Language as Passweb sent it (`it`, `en_US`), when sent.' },
        groups: { type: 'array', items: { type: 'string' }, description: 'Passweb user groups.' },
        whatsappOptOut: { type: 'boolean', description: 'Passweb\'s "Opt Out WhatsApp" flag.' },
      },
    },
    data: {
      ...ANY_OBJECT,
      additionalProperties: { type: ['string', 'number'] },
      description: 'The event variables Passweb filled (names, totals, texts), exactly as sent.',
    },
    createdByAgent: { type: 'boolean', description: "Whether an agent, not the customer, caused the event (an agent's cart is never notified)." },
  },
} as const;

export type EventReceivedBody = FromSchema<typeof body>;

export const EVENT_RECEIVED = {
  name: 'event.received',
  version: 1,
  title: 'A Passweb event, as accepted by POST /v1/events',
  body,
  aboutSubject: true,
  personal: ['/recipient/userId', '/recipient/phone', '/recipient/name', '/data'],
  proves:
    "That Sigillo accepted this event with exactly this content for the tenant no later than the entry's recordedAt, before deciding anything about it: the decision that follows is taken on this content.",
  doesNotProve:
    "That the event is true (Passweb asserts it), that it happened at occurredAt (Passweb's clock), or that the number belongs to the person named.",
  facts: (b: EventReceivedBody) => [b.eventType],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    eventId: 'ord-1042-shipped',
    eventType: 'order.status_changed',
    occurredAt: '2026-07-01T09:30:00.000Z',
    recipient: { userId: 'u-77', phone: '+393331234567', name: 'Maria Rossi', language: 'it', groups: ['retail'], whatsappOptOut: false },
    data: { firstName: 'Maria', documentCode: 'ORD-1042', newStatus: 'shipped' },
    createdByAgent: false,
  },
} as const satisfies EntryDefinition;
