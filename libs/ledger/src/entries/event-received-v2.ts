import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { EVENT_RECEIVED } from './event-received.js';
import { WHATSAPP_USER } from './schema-parts.js';

const v1 = EVENT_RECEIVED.body;
const v1Recipient = v1.properties.recipient;

const body = {
  ...v1,
  properties: {
    ...v1.properties,
    recipient: {
      ...v1Recipient,
      properties: {
        ...v1Recipient.properties,
        phone: {
          ...WHATSAPP_USER,
          description: 'WhatsApp number, E.164, or the business-scoped user id (BSUID, e.g. IT.1502576394655843) of a user known by no number.',
        },
      },
    },
  },
} as const;

export type EventReceivedV2Body = FromSchema<typeof body>;

/**
 * Version 2 of event.received: the recipient may be a WhatsApp user Meta names only by a
 * business-scoped user id (a username user). Sigillo writes every event as version 2 since
 * 2026-12-02; version 1 entries name an E.164 number and keep meaning exactly that.
 */
export const EVENT_RECEIVED_V2 = {
  name: 'event.received',
  version: 2,
  title: 'A Passweb event, as accepted by POST /v1/events, its recipient named by number or business-scoped user id',
  body,
  aboutSubject: true,
  personal: EVENT_RECEIVED.personal,
  proves: `${EVENT_RECEIVED.proves} A recipient.phone that is a business-scoped user id names the WhatsApp user Meta knows by that id for this business.`,
  doesNotProve: `${EVENT_RECEIVED.doesNotProve} A business-scoped user id says nothing about which number, if any, the user has.`,
  facts: (b: EventReceivedV2Body) => [b.eventType],
  example: { ...EVENT_RECEIVED.example, recipient: { ...EVENT_RECEIVED.example.recipient, phone: 'IT.1502576394655843' } },
} as const satisfies EntryDefinition;

export function eventReceived(b: EventReceivedV2Body, occurredAt: Date) {
  return newEntry(EVENT_RECEIVED_V2, b, { tenantId: b.tenantId, occurredAt, subjectPhone: b.recipient.phone });
}
