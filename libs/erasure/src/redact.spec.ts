import { redactor, redactWebhookBody } from './redact.js';

const PHONE = '+393331234567';
const DIGITS = '393331234567';
const WAMID = 'wamid.HBgMMzkzMzMxMjM0NTY3FQIAEhgUQUJDREVGMDEyMzQ1Njc4OUFCQ0QA';
const OUR_NUMBER = '100000000000001';

function change(value: Record<string, unknown>, phoneNumberId = OUR_NUMBER) {
  return {
    field: 'messages',
    value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '390212345678', phone_number_id: phoneNumberId }, ...value },
  };
}

function payload(...changes: unknown[]) {
  return Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '200000000000001', changes }] }));
}

function redacted(body: Buffer, messageIds: string[] = [WAMID], phoneNumberId = OUR_NUMBER): any {
  const out = redactWebhookBody(body, { phone: PHONE, messageIds }, phoneNumberId);
  if (out === null || out === 'unparseable') return out;
  return JSON.parse(out.body.toString('utf8'));
}

describe('redactWebhookBody', () => {
  it("replaces the subject's message and contact whole (text and profile name go) and keeps other users'", () => {
    const body = payload(
      change({
        contacts: [
          { profile: { name: 'Sara Neri' }, wa_id: DIGITS },
          { profile: { name: 'Other' }, wa_id: '393339999999' },
        ],
        messages: [
          { from: DIGITS, id: 'wamid.in1', timestamp: '1', type: 'text', text: { body: 'STOP' } },
          { from: '393339999999', id: 'wamid.in2', timestamp: '1', type: 'text', text: { body: 'ciao' } },
        ],
      }),
    );
    const out = redacted(body);
    const value = out.entry[0].changes[0].value;
    expect(value.contacts).toEqual([{ erased: true }, { profile: { name: 'Other' }, wa_id: '393339999999' }]);
    expect(value.messages[0]).toEqual({ erased: true });
    expect(value.messages[1].text.body).toBe('ciao');
    expect(value.metadata.phone_number_id).toBe(OUR_NUMBER);
    expect(JSON.stringify(out)).not.toContain(DIGITS);
    expect(JSON.stringify(out)).not.toContain('Sara');
  });

  it("removes the subject's statuses, found by recipient or by their wamid", () => {
    const body = payload(
      change({
        statuses: [
          { id: WAMID, status: 'read', timestamp: '1', recipient_id: DIGITS },
          { id: WAMID, status: 'delivered', timestamp: '1' },
          { id: 'wamid.other', status: 'read', timestamp: '1', recipient_id: '393339999999' },
        ],
      }),
    );
    const value = redacted(body).entry[0].changes[0].value;
    expect(value.statuses).toEqual([{ erased: true }, { erased: true }, { id: 'wamid.other', status: 'read', timestamp: '1', recipient_id: '393339999999' }]);
  });

  it('cuts the number out of free text, but not out of a longer number that merely contains it', () => {
    const body = payload(
      change({
        messages: [{ from: '393339999999', id: 'wamid.x', type: 'text', text: { body: `the number is +${DIGITS}, or ${DIGITS}0 (not it)` } }],
      }),
    );
    const value = redacted(body).entry[0].changes[0].value;
    expect(value.messages[0].text.body).toBe(`the number is [erased], or ${DIGITS}0 (not it)`);
  });

  it('leaves a body about nobody of ours untouched (null), and changes of another business number alone', () => {
    expect(redacted(payload(change({ statuses: [{ id: 'wamid.other', status: 'read', recipient_id: '393339999999' }] })))).toBeNull();
    expect(redacted(payload(change({ statuses: [{ id: 'wamid.z', status: 'read', recipient_id: DIGITS }] }, '999')))).toBeNull();
    expect(redacted(payload(change({ statuses: [{ id: 'wamid.z', status: 'read', recipient_id: `${DIGITS}1` }] })))).toBeNull();
  });

  it('redacts user_preferences and changes without metadata too', () => {
    const body = payload({ field: 'user_preferences', value: { user_preferences: [{ wa_id: DIGITS, category: 'marketing_messages', value: 'stop' }] } });
    expect(redacted(body).entry[0].changes[0].value.user_preferences).toEqual([{ erased: true }]);
  });

  it('reports a body that is not JSON, so the caller can delete it', () => {
    expect(redacted(Buffer.from(`not json ${DIGITS}`))).toBe('unparseable');
  });
});

describe('redactor', () => {
  it('refuses anything but an E.164 number', () => {
    expect(() => redactor({ phone: '12', messageIds: [] })).toThrow(TypeError);
  });

  it('refuses a malformed business-scoped user id, and a subject with no identifier at all', () => {
    expect(() => redactor({ phone: null, userIds: ['it.123'], messageIds: [] })).toThrow(TypeError);
    expect(() => redactor({ phone: null, messageIds: ['wamid.X'] })).toThrow(TypeError);
  });

  it('removes every identifier of the person: the number, the wa_id Meta resolved, the business-scoped user id, whole only', () => {
    const r = redactor({ phone: PHONE, otherPhones: ['+5531987654321'], userIds: ['IT.1502576394655843'], messageIds: [] });
    expect(r.redact({ contacts: [{ user_id: 'IT.1502576394655843', profile: { name: 'Maria' } }], other: { user_id: 'IT.15025763946558430' } })).toEqual({
      value: { contacts: [{ erased: true }], other: { user_id: 'IT.15025763946558430' } },
      changed: true,
    });
    expect(r.redact({ body: 'from 5531987654321 and IT.1502576394655843.' })).toEqual({ value: { body: 'from [erased] and [erased].' }, changed: true });
  });

  it('redacts a webhook of a user known only by business-scoped user id', () => {
    const body = payload(
      change({
        contacts: [{ user_id: 'IT.1502576394655843', profile: { name: 'Maria' } }],
        messages: [{ from_user_id: 'IT.1502576394655843', id: 'wamid.Y', type: 'text', text: { body: 'STOP' } }],
      }),
    );
    const out = redactWebhookBody(body, { phone: null, userIds: ['IT.1502576394655843'], messageIds: [] }, OUR_NUMBER);
    expect(out).not.toBeNull();
    expect(JSON.parse((out as { body: Buffer }).body.toString('utf8')).entry[0].changes[0].value).toMatchObject({
      contacts: [{ erased: true }],
      messages: [{ erased: true }],
    });
  });

  it('treats ids as literal text, whatever characters base64 puts in them', () => {
    const r = redactor({ phone: PHONE, messageIds: ['wamid.a+b/c=='] });
    expect(r.redact({ note: 'see wamid.a+b/c== and wamid.aXb/c==' })).toEqual({ value: { note: 'see [erased] and wamid.aXb/c==' }, changed: true });
  });
});
