import { EXPLANATION_CODES, explanationKey, explanationValues, reasonKey, sourceKey } from './explanation.js';

describe('explanation codes', () => {
  it('are unique and include every refusal of the policy', () => {
    expect(new Set(EXPLANATION_CODES).size).toBe(EXPLANATION_CODES.length);
    expect(EXPLANATION_CODES).toEqual(
      expect.arrayContaining(['refused.NO_MARKETING_CONSENT', 'refused.MISSING_VARIABLE', 'status.failed', 'consent.optIn.api', 'consent.optOut.stop_message']),
    );
  });

  it('map to catalog keys, unknown codes to the generic sentence', () => {
    expect(explanationKey('refused.NO_MARKETING_CONSENT')).toBe('explain.refused.NO_MARKETING_CONSENT');
    expect(explanationKey('refused.SOMETHING_NEW')).toBe('explain.entry.other');
    expect(explanationKey('')).toBe('explain.entry.other');
  });

  it('give sentences strings only', () => {
    expect(
      explanationValues('message.status', {
        errorCode: 131026,
        errorTitle: 'Message undeliverable',
        errorDetails: null,
        missing: ['body.1', 'body.2'],
        x: { a: 1 },
        n: Number.NaN,
      }),
    ).toEqual({
      type: 'message.status',
      errorCode: '131026',
      errorTitle: 'Message undeliverable',
      errorDetails: '',
      missing: 'body.1, body.2',
      x: '',
      n: '',
    });
    expect(explanationValues('event.received', undefined)).toEqual({ type: 'event.received' });
  });

  it('name a list reason: policy refusal, Meta error code, or anything else', () => {
    expect(reasonKey(null)).toBeNull();
    expect(reasonKey('')).toBeNull();
    expect(reasonKey('OPTED_OUT')).toEqual({ key: 'reason.OPTED_OUT', values: {} });
    expect(reasonKey('131050')).toEqual({ key: 'reason.errorCode', values: { code: '131050' } });
    expect(reasonKey('ERASED')).toEqual({ key: 'reason.ERASED', values: {} });
    expect(reasonKey('gave_up')).toEqual({ key: 'reason.other', values: { reason: 'gave_up' } });
  });

  it('name consent sources, a caller label being other', () => {
    expect(sourceKey('stop_message')).toBe('source.stop_message');
    expect(sourceKey('passweb-checkout')).toBe('source.other');
  });
});
