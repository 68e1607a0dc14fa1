import type { FromSchema } from 'json-schema-to-ts';
import type { EntryDefinition } from './definition.js';
import { newEntry } from './definition.js';
import { NON_EMPTY, TEMPLATE_CATEGORY, UUID } from './schema-parts.js';

export const SKIP_REASONS = [
  'AGENT_CART',
  'NO_BINDING',
  'CONDITION_NOT_MET',
  'NOT_IN_USER_GROUP',
  'OPTED_OUT',
  'NO_TEMPLATE_FOR_LANGUAGE',
  'TEMPLATE_NOT_APPROVED',
  'NO_MARKETING_CONSENT',
  'MISSING_VARIABLE',
  'BSUID_NOT_ALLOWED',
] as const;

export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'LIMIT_EXCEEDED',
] as const;

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['tenantId', 'eventId', 'notificationId', 'decision'],
  properties: {
    tenantId: { ...UUID, description: 'The tenant.' },
    eventId: { ...NON_EMPTY, description: 'The event decided on: its `event.received` entry has the same eventId.' },
    notificationId: { ...UUID, description: "Sigillo's id of the notification; every later entry of its story names it." },
    decision: { enum: ['SEND', 'SKIP'], description: 'SEND: the template is queued for sending. SKIP: nothing is sent, for `reason`.' },
    reason: {
      enum: SKIP_REASONS,
      description:
        'Only with SKIP: the first policy rule that refused, in this order: AGENT_CART, NO_BINDING, CONDITION_NOT_MET, NOT_IN_USER_GROUP, OPTED_OUT (Passweb flag), NO_TEMPLATE_FOR_LANGUAGE, TEMPLATE_NOT_APPROVED (not in catalog), OPTED_OUT (recorded consent), NO_MARKETING_CONSENT, TEMPLATE_NOT_APPROVED (status), BSUID_NOT_ALLOWED (an authentication template to a business-scoped user id: Meta refuses it, 131062), MISSING_VARIABLE.',
    },
    template: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'language', 'category', 'status'],
      description: 'The template chosen (SEND) or concerned (SKIP, when one was chosen).',
      properties: {
        name: { ...NON_EMPTY, description: 'Meta template name.' },
        language: { ...NON_EMPTY, description: 'Meta template language.' },
        category: {
          enum: [...TEMPLATE_CATEGORY.enum, null],
          description: 'MARKETING, UTILITY or AUTHENTICATION; null when the template is not in the catalog.',
        },
        status: { enum: [...TEMPLATE_STATUSES, null], description: "Meta's status of the template at decision time; null when not in the catalog." },
      },
    },
    consent: {
      type: 'object',
      additionalProperties: false,
      required: ['consentId', 'action', 'seq'],
      description: 'The recorded consent change the decision relied on: the opt-in a send stands on, or the opt-out behind an OPTED_OUT.',
      properties: {
        consentId: { ...UUID, description: 'Its `consent.changed` entry has this consentId.' },
        action: { enum: ['opt_in', 'opt_out'], description: 'What that change was.' },
        seq: {
          type: ['integer', 'null'],
          minimum: 0,
          description: 'Ledger position of that `consent.changed` entry; null when it was not yet sequenced at decision time.',
        },
      },
    },
    missing: { type: 'array', items: { type: 'string' }, description: 'Only with MISSING_VARIABLE: the template slots the event gave no value for.' },
  },
  if: { properties: { decision: { const: 'SKIP' } } },
  then: { required: ['reason'] },
  else: { properties: { reason: false, missing: false } },
} as const;

export type NotificationDecidedBody = FromSchema<typeof body>;

export const NOTIFICATION_DECIDED = {
  name: 'notification.decided',
  version: 1,
  title: 'The policy decision on one event: send a template, or skip and why',
  body,
  aboutSubject: true,
  personal: [],
  proves:
    'That Sigillo decided so about the event before sending anything, on the catalog and consent record it had at that moment. A SKIP NO_MARKETING_CONSENT proves that at decision time no standing opt-in for marketing (or `all`) was on record for the recipient: no consent change for marketing or `all` was recorded for them, so it names none (had the latest been an opt-out, the decision would be OPTED_OUT naming that entry in `consent`). A SEND of a MARKETING template names in `consent` the opt-in it stood on; `consent.seq` is the position of that `consent.changed` entry, which the auditor can open and prove on its own.',
  doesNotProve:
    'That the message was sent or delivered (see message.submitted and message.status), or that no consent existed outside Sigillo: only what was recorded in this log counts.',
  facts: (b: NotificationDecidedBody) => [b.decision + (b.reason ? ` ${b.reason}` : ''), ...(b.template ? [`${b.template.name}/${b.template.language}`] : [])],
  example: {
    tenantId: '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b',
    eventId: 'cart-88-abandoned',
    notificationId: '0b6c2a9e-57d4-4f4e-8c1e-2f0a5b7d9c31',
    decision: 'SKIP',
    reason: 'NO_MARKETING_CONSENT',
    template: { name: 'cart_reminder', language: 'it', category: 'MARKETING', status: 'APPROVED' },
  },
} as const satisfies EntryDefinition;

export function notificationDecided(b: NotificationDecidedBody, occurredAt: Date, subjectPhone: string) {
  return newEntry(NOTIFICATION_DECIDED, b, { tenantId: b.tenantId, occurredAt, subjectPhone });
}
