import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { MESSAGE_SUBMITTED } from './message-submitted.js';
import { SEND_FIELDS_V2 } from './send-parts.js';

const v1 = MESSAGE_SUBMITTED.body;

const body = { ...v1, properties: { ...v1.properties, ...SEND_FIELDS_V2 } } as const;

export type MessageSubmittedV2Body = FromSchema<typeof body>;

/**
 * Version 2 of message.submitted: the recipient may be a business-scoped user id, sent by the
 * Messages API's `recipient` field. Written for every send since 2026-12-02.
 */
export const MESSAGE_SUBMITTED_V2 = {
  name: 'message.submitted',
  version: 2,
  title: 'Meta accepted a template message for sending, to a number or a business-scoped user id',
  body,
  aboutSubject: true,
  personal: MESSAGE_SUBMITTED.personal,
  proves: `${MESSAGE_SUBMITTED.proves} A \`to\` that is a business-scoped user id was sent by \`recipient\`; a number by \`to\`.`,
  doesNotProve: MESSAGE_SUBMITTED.doesNotProve,
  facts: (b: MessageSubmittedV2Body) => [`${b.template.name}/${b.template.language}`, ...(b.late ? ['late'] : b.reconciled ? ['reconciled'] : []), b.wamid],
  example: { ...MESSAGE_SUBMITTED.example, to: 'IT.1502576394655843' },
} as const satisfies EntryDefinition;

export function messageSubmitted(b: MessageSubmittedV2Body, occurredAt: Date = new Date()) {
  return newEntry(MESSAGE_SUBMITTED_V2, b, { tenantId: b.tenantId, occurredAt, subjectPhone: b.to });
}
