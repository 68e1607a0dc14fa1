import { checkEntryBody } from './check.js';
import {
  CONSENT_CHANGED_V2,
  consentChanged,
  CONTACT_NUMBER_CHANGED,
  contactNumberChanged,
  EVENT_RECEIVED_V2,
  eventReceived,
  MESSAGE_FAILED_V2,
  messageFailed,
  MESSAGE_STATUS,
  messageStatus,
  MESSAGE_SUBMITTED_V2,
  messageSubmitted,
  NOTIFICATION_DECIDED,
  notificationDecided,
  SUBJECT_ERASED,
  subjectErased,
  TEMPLATE_STATUS_CHANGED,
  templateStatusChanged,
  type ConsentChangedV2Body,
  type ContactNumberChangedBody,
  type EventReceivedV2Body,
  type MessageFailedV2Body,
  type MessageStatusBody,
  type MessageSubmittedV2Body,
  type NotificationDecidedBody,
  type SubjectErasedBody,
  type TemplateStatusChangedBody,
} from './index.js';

const at = new Date('2026-07-01T09:30:00.000Z');
const PHONE = '+393331234567';

describe('entry builders', () => {
  it('make entries of their type, for the body tenant, about the person the body names', () => {
    const built = [
      eventReceived(EVENT_RECEIVED_V2.example as EventReceivedV2Body, at),
      notificationDecided(NOTIFICATION_DECIDED.example as NotificationDecidedBody, at, PHONE),
      messageSubmitted(MESSAGE_SUBMITTED_V2.example as MessageSubmittedV2Body, at),
      messageFailed(MESSAGE_FAILED_V2.example as MessageFailedV2Body, at),
      messageStatus(MESSAGE_STATUS.example as MessageStatusBody, at, PHONE),
      consentChanged(CONSENT_CHANGED_V2.example as ConsentChangedV2Body, at),
      contactNumberChanged(CONTACT_NUMBER_CHANGED.example as ContactNumberChangedBody, at),
      templateStatusChanged(TEMPLATE_STATUS_CHANGED.example as TemplateStatusChangedBody, at),
      subjectErased(SUBJECT_ERASED.example as SubjectErasedBody, at),
    ];
    // Producers write version 2 of the types that name a person: a number or a business-scoped user id.
    expect(built.map((e) => [e.type, e.subjectPhone])).toEqual([
      ['event.received/v2', 'IT.1502576394655843'],
      ['notification.decided', PHONE],
      ['message.submitted/v2', 'IT.1502576394655843'],
      ['message.failed/v2', PHONE],
      ['message.status', PHONE],
      ['consent.changed/v2', PHONE],
      ['contact.number_changed', '+393339876543'],
      ['template.status_changed', null],
      ['subject.erased', null],
    ]);
    for (const e of built) {
      expect(e.tenantId).toBe(EVENT_RECEIVED_V2.example.tenantId);
      expect(e.occurredAt).toBe(at);
      expect(checkEntryBody(e.type, e.body)).toEqual([]);
    }
  });

  it('refuse an entry about a person without their number: erasure could never find it', () => {
    expect(() => messageStatus(MESSAGE_STATUS.example as MessageStatusBody, at, null)).toThrow(
      "a message.status entry is about a person: its subject's number is required",
    );
    expect(() => notificationDecided(NOTIFICATION_DECIDED.example as NotificationDecidedBody, at, '')).toThrow(/about a person/);
  });
});
