import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { MESSAGE_FAILED } from './message-failed.js';
import { SEND_FIELDS_V2 } from './send-parts.js';

const v1 = MESSAGE_FAILED.body;

const body = { ...v1, properties: { ...v1.properties, ...SEND_FIELDS_V2 } } as const;

export type MessageFailedV2Body = FromSchema<typeof body>;

/**
 * Version 2 of message.failed: the recipient may be a business-scoped user id (Meta refuses some
 * messages to one: 131062). Written for every failure since 2026-12-02.
 */
export const MESSAGE_FAILED_V2 = {
  name: 'message.failed',
  version: 2,
  title: 'A notification to a number or a business-scoped user id was given up on',
  body,
  aboutSubject: true,
  personal: MESSAGE_FAILED.personal,
  proves: MESSAGE_FAILED.proves,
  doesNotProve: MESSAGE_FAILED.doesNotProve,
  facts: (b: MessageFailedV2Body) => [
    `${b.template.name}/${b.template.language}`,
    ...(typeof b.error.code === 'number' ? [`error ${b.error.code}`] : [b.error.kind]),
  ],
  example: { ...MESSAGE_FAILED.example },
} as const satisfies EntryDefinition;

export function messageFailed(b: MessageFailedV2Body, occurredAt: Date = new Date()) {
  return newEntry(MESSAGE_FAILED_V2, b, { tenantId: b.tenantId, occurredAt, subjectPhone: b.to });
}
