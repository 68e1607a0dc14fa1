import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { NOTIFICATION_DECIDED } from './notification-decided.js';

const v1 = NOTIFICATION_DECIDED.body;
const v1Template = v1.properties.template;

const body = {
  ...v1,
  properties: {
    ...v1.properties,
    template: {
      ...v1Template,
      required: [...v1Template.required, 'statusReason'],
      description: 'The template chosen (SEND) or concerned (SKIP, when one was chosen), with the category and status in force at decision time.',
      properties: {
        ...v1Template.properties,
        statusReason: {
          type: ['string', 'null'],
          description:
            "Meta's reason for the status in force (a pause's title such as FIRST_PAUSE or RATE_LIMITING_PAUSE, a rejection's reason), from the template.status_changed entry that set it; null when Meta gave none.",
        },
      },
    },
  },
} as const;

export type NotificationDecidedV2Body = FromSchema<typeof body>;

/**
 * Version 2 of notification.decided: the template names Meta's reason for its status. Sigillo
 * writes it when the template's status carries a reason (a paused template's refusal says which
 * pause); every other decision is written as version 1, whose meaning is unchanged.
 */
export const NOTIFICATION_DECIDED_V2 = {
  name: 'notification.decided',
  version: 2,
  title: "The policy decision on one event, naming Meta's reason for the template's status",
  body,
  aboutSubject: true,
  personal: [],
  proves: `${NOTIFICATION_DECIDED.proves} A SKIP TEMPLATE_NOT_APPROVED of a template Meta paused names the pause in template.statusReason, as the latest template.status_changed entry applied before the decision set it; the category is the one in force at decision time (template.category_changed).`,
  doesNotProve: NOTIFICATION_DECIDED.doesNotProve,
  facts: (b: NotificationDecidedV2Body) => [
    b.decision + (b.reason ? ` ${b.reason}` : ''),
    ...(b.template ? [`${b.template.name}/${b.template.language}${b.template.statusReason ? ` ${b.template.status} ${b.template.statusReason}` : ''}`] : []),
  ],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    eventId: 'order-88-shipped',
    notificationId: '0b6c2a9e-57d4-4f4e-8c1e-2f0a5b7d9c31',
    decision: 'SKIP',
    reason: 'TEMPLATE_NOT_APPROVED',
    template: { name: 'order_shipped', language: 'it', category: 'UTILITY', status: 'PAUSED', statusReason: 'FIRST_PAUSE' },
  },
} as const satisfies EntryDefinition;

export function notificationDecidedV2(b: NotificationDecidedV2Body, occurredAt: Date, subjectPhone: string) {
  return newEntry(NOTIFICATION_DECIDED_V2, b, { tenantId: b.tenantId, occurredAt, subjectPhone });
}
