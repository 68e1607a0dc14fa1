import { stepDetails } from './story-details.js';

describe('story step details', () => {
  it('names the consent a decision relied on, the missing variables and the template status reason', () => {
    expect(
      stepDetails('notification.decided', {
        decision: 'SEND',
        template: { name: 'promo', language: 'it', category: 'MARKETING', status: 'APPROVED', statusReason: null },
        consent: { consentId: 'c-1', action: 'opt_in', seq: 12 },
      }),
    ).toEqual({ template: 'promo/it', consent: { consentId: 'c-1', action: 'opt_in', seq: 12 }, statusReason: null });
    expect(
      stepDetails('notification.decided', {
        decision: 'SKIP',
        reason: 'MISSING_VARIABLE',
        missing: ['body.1', 3],
        consent: { consentId: 'c', action: 'opt_out', seq: null },
      }),
    ).toEqual({
      missing: ['body.1'],
      consent: { consentId: 'c', action: 'opt_out', seq: null },
    });
  });

  it("reads Meta's error title, details and pricing category of a status", () => {
    expect(
      stepDetails('message.status', {
        status: 'failed',
        statusObject: {
          pricing: { billable: false, category: 'utility', pricing_model: 'PMP' },
          errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'Recipient cannot be reached' } }],
        },
      }),
    ).toEqual({ pricingCategory: 'utility', error: { code: 131026, title: 'Message undeliverable', details: 'Recipient cannot be reached' } });
    expect(stepDetails('message.status', { status: 'read', statusObject: { id: 'w' } })).toEqual({});
    expect(stepDetails('message.status', { status: 'failed', statusObject: { errors: [{ message: 'Only a message' }] } })).toEqual({
      error: { code: null, title: 'Only a message', details: null },
    });
  });

  it('reads a final failure and a submission', () => {
    expect(
      stepDetails('message.failed', {
        template: { name: 't', language: 'en' },
        attempt: 3,
        error: { kind: 'permanent', code: 131050, title: 'Stopped', details: null },
      }),
    ).toEqual({
      template: 't/en',
      attempt: 3,
      error: { code: 131050, title: 'Stopped', details: null },
    });
    expect(stepDetails('message.submitted', { template: { name: 't', language: 'it' }, attempt: 1, pricing: { windowOpen: true, expected: 'free' } })).toEqual({
      template: 't/it',
      attempt: 1,
      billable: false,
    });
    expect(stepDetails('message.submitted', { attempt: 2 })).toEqual({ attempt: 2 });
  });

  it('shows nothing for other types or odd bodies', () => {
    expect(stepDetails('event.received', { eventType: 'x', recipient: {} })).toEqual({});
    expect(stepDetails('message.status', { statusObject: 'x' })).toEqual({});
  });
});
