import { parseMetaWebhook } from './meta-webhook.js';

// Meta's documented payloads of the three template webhook fields, as its reference pages give
// them (placeholders filled with the pages' own example values):
// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update
// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_quality_update
// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update
const WABA = '102290129340398';
const TIME = 1739321024;
const meta = (field: string, value: unknown) => ({ object: 'whatsapp_business_account', entry: [{ id: WABA, time: TIME, changes: [{ value, field }] }] });
const template = { message_template_id: 1689556908129832, message_template_name: 'order_confirmation', message_template_language: 'en-US' };
const base = {
  wabaId: WABA,
  at: 'entry[0].changes[0]',
  templateId: '1689556908129832',
  name: 'order_confirmation',
  language: 'en-US',
  occurredAt: new Date(TIME * 1000),
};

describe('message_template_status_update', () => {
  const status = (value: Record<string, unknown>) => parseMetaWebhook(meta('message_template_status_update', { ...template, ...value })).templates;

  it('APPROVED, with the category, timed by the entry', () => {
    expect(status({ event: 'APPROVED', reason: 'NONE', message_template_category: 'MARKETING' })).toEqual([
      { ...base, field: 'status', event: 'APPROVED', reason: 'NONE', category: 'MARKETING', otherInfo: null, rejectionInfo: null, disableDate: null },
    ]);
  });

  it('REJECTED with reason INVALID_FORMAT and its rejection_info', () => {
    const [t] = status({
      event: 'REJECTED',
      reason: 'INVALID_FORMAT',
      message_template_category: 'UTILITY',
      rejection_info: { reason: 'Variable parameters are not allowed at the start of the body.', recommendation: 'Move the variable after some text.' },
    });
    expect(t).toMatchObject({
      field: 'status',
      event: 'REJECTED',
      reason: 'INVALID_FORMAT',
      rejectionInfo: { reason: 'Variable parameters are not allowed at the start of the body.', recommendation: 'Move the variable after some text.' },
    });
  });

  it.each(['FIRST_PAUSE', 'SECOND_PAUSE', 'RATE_LIMITING_PAUSE'])('PAUSED with reason NONE and other_info %s', (title) => {
    const [t] = status({
      event: 'PAUSED',
      reason: 'NONE',
      message_template_category: 'MARKETING',
      other_info: { title, description: 'Your WhatsApp message template has been paused.' },
    });
    expect(t).toMatchObject({
      field: 'status',
      event: 'PAUSED',
      reason: 'NONE',
      otherInfo: { title, description: 'Your WhatsApp message template has been paused.' },
    });
  });

  it('unpaused: APPROVED with other_info UNPAUSE', () => {
    const [t] = status({
      event: 'APPROVED',
      reason: 'NONE',
      other_info: { title: 'UNPAUSE', description: 'Your WhatsApp message template has been unpaused.' },
    });
    expect(t).toMatchObject({ event: 'APPROVED', otherInfo: { title: 'UNPAUSE' } });
  });

  it('DISABLED with disable_info.disable_date', () => {
    const [t] = status({ event: 'DISABLED', reason: 'NONE', disable_info: { disable_date: 1751234563 } });
    expect(t).toMatchObject({ event: 'DISABLED', disableDate: new Date(1751234563_000) });
  });

  it.each(['REINSTATED', 'FLAGGED', 'PENDING_DELETION', 'IN_APPEAL', 'ARCHIVED', 'LOCKED', 'LIMIT_EXCEEDED'])('%s, verbatim', (event) => {
    expect(status({ event, reason: event === 'PENDING_DELETION' ? null : 'NONE' })).toMatchObject([{ field: 'status', event }]);
  });

  it('a reason Meta sends as null (scheduled for deletion) is null', () => {
    expect(status({ event: 'PENDING_DELETION', reason: null })[0]).toMatchObject({ reason: null });
  });

  it('skips a change without event, name or language', () => {
    expect(status({ event: undefined })).toEqual([]);
    expect(parseMetaWebhook(meta('message_template_status_update', { event: 'APPROVED', message_template_name: 'x' })).templates).toEqual([]);
  });
});

describe('message_template_quality_update', () => {
  it.each([
    ['UNKNOWN', 'GREEN'],
    ['GREEN', 'YELLOW'],
    ['YELLOW', 'RED'],
    ['RED', 'GREEN'],
  ])('%s → %s', (previous, score) => {
    const parsed = parseMetaWebhook(meta('message_template_quality_update', { previous_quality_score: previous, new_quality_score: score, ...template }));
    expect(parsed.templates).toEqual([{ ...base, field: 'quality', previous, score }]);
  });

  it('skips one without new_quality_score', () => {
    expect(parseMetaWebhook(meta('message_template_quality_update', { previous_quality_score: 'GREEN', ...template })).templates).toEqual([]);
  });
});

describe('template_category_update', () => {
  const category = { message_template_id: 278077987957091, message_template_name: 'welcome_template', message_template_language: 'en-US' };
  const cbase = { ...base, templateId: '278077987957091', name: 'welcome_template' };

  it('a completed change: previous_category and new_category', () => {
    const parsed = parseMetaWebhook(meta('template_category_update', { ...category, previous_category: 'UTILITY', new_category: 'MARKETING' }));
    expect(parsed.templates).toEqual([{ ...cbase, field: 'category', previous: 'UTILITY', category: 'MARKETING', impending: false, effectiveAt: null }]);
  });

  it('an impending change: new_category is the current one, correct_category the one from category_update_timestamp', () => {
    const parsed = parseMetaWebhook(
      meta('template_category_update', { ...category, correct_category: 'MARKETING', new_category: 'UTILITY', category_update_timestamp: 1760711433 }),
    );
    expect(parsed.templates).toEqual([
      { ...cbase, field: 'category', previous: 'UTILITY', category: 'MARKETING', impending: true, effectiveAt: new Date(1760711433_000) },
    ]);
  });

  it('skips one naming no category', () => {
    expect(parseMetaWebhook(meta('template_category_update', { ...category })).templates).toEqual([]);
  });
});

describe('the time of a template change', () => {
  it('is null when the entry has no time: the worker decides what stands in', () => {
    const payload = {
      object: 'whatsapp_business_account',
      entry: [{ id: WABA, changes: [{ field: 'message_template_quality_update', value: { new_quality_score: 'RED', ...template } }] }],
    };
    expect(parseMetaWebhook(payload).templates[0].occurredAt).toBeNull();
  });

  it('reads a time sent as a string', () => {
    const payload = {
      object: 'whatsapp_business_account',
      entry: [{ id: WABA, time: String(TIME), changes: [{ field: 'message_template_quality_update', value: { new_quality_score: 'RED', ...template } }] }],
    };
    expect(parseMetaWebhook(payload).templates[0].occurredAt).toEqual(new Date(TIME * 1000));
  });
});
