import { checkEntryBody } from './check.js';
import {
  CONSENT_CHANGED,
  consentChanged,
  EVENT_RECEIVED,
  eventReceived,
  MESSAGE_FAILED,
  messageFailed,
  MESSAGE_STATUS,
  messageStatus,
  MESSAGE_SUBMITTED,
  messageSubmitted,
  NOTIFICATION_DECIDED,
  notificationDecided,
  SUBJECT_ERASED,
  subjectErased,
  TEMPLATE_STATUS_CHANGED,
  templateStatusChanged,
  type ConsentChangedBody,
  type EventReceivedBody,
  type MessageFailedBody,
  type MessageStatusBody,
  type MessageSubmittedBody,
  type NotificationDecidedBody,
  type SubjectErasedBody,
  type TemplateStatusChangedBody,
} from './index.js';

const at = new Date('2026-07-01T09:30:00.000Z');
const PHONE = '+393331234567';

describe('entry builders', () => {
  it('make entries of their type, for the body tenant, about the person the body names', () => {
    const built = [
      eventReceived(EVENT_RECEIVED.example as EventReceivedBody, at),
      notificationDecided(NOTIFICATION_DECIDED.example as NotificationDecidedBody, at, PHONE),
      messageSubmitted(MESSAGE_SUBMITTED.example as MessageSubmittedBody, at),
      messageFailed(MESSAGE_FAILED.example as MessageFailedBody, at),
      messageStatus(MESSAGE_STATUS.example as MessageStatusBody, at, PHONE),
      consentChanged(CONSENT_CHANGED.example as ConsentChangedBody, at),
      templateStatusChanged(TEMPLATE_STATUS_CHANGED.example as TemplateStatusChangedBody, at),
      subjectErased(SUBJECT_ERASED.example as SubjectErasedBody, at),
    ];
    expect(built.map((e) => [e.type, e.subjectPhone])).toEqual([
      ['event.received', PHONE],
      ['notification.decided', PHONE],
      ['message.submitted', PHONE],
      ['message.failed', PHONE],
      ['message.status', PHONE],
      ['consent.changed', PHONE],
      ['template.status_changed', null],
      ['subject.erased', null],
    ]);
    for (const e of built) {
      expect(e.tenantId).toBe(EVENT_RECEIVED.example.tenantId);
      expect(e.occurredAt).toBe(at);
      expect(checkEntryBody(e.type, e.body)).toEqual([]);
    }
  });

  it('refuse an entry about a person without their number: erasure could never find it', () => {
    expect(() => messageStatus(MESSAGE_STATUS.example as MessageStatusBody, at, null)).toThrow('a message.status entry is about a person: its subject\'s number is required');
    expect(() => notificationDecided(NOTIFICATION_DECIDED.example as NotificationDecidedBody, at, '')).toThrow(/about a person/);
  });
});
