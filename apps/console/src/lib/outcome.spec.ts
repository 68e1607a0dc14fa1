import { OUTCOMES, outcomeColor, outcomeKey, stepTone } from './outcome.js';

describe('outcomes', () => {
  it('have a colour and a key each; anything else is grey and unknown', () => {
    for (const outcome of OUTCOMES) {
      expect(outcomeKey(outcome)).toBe(`outcome.${outcome}`);
      expect(outcomeColor(outcome)).not.toBe('');
    }
    expect(new Set(OUTCOMES.map(outcomeColor)).size).toBe(OUTCOMES.length);
    expect(outcomeColor('weird')).toBe(outcomeColor('pending'));
    expect(outcomeKey('weird')).toBe('outcome.unknown');
  });

  it('tone story steps by their explanation', () => {
    expect(stepTone('refused.NO_MARKETING_CONSENT')).toBe('refused');
    expect(stepTone('status.failed')).toBe('failed');
    expect(stepTone('failed.permanent')).toBe('failed');
    expect(stepTone('status.read')).toBe('ok');
    expect(stepTone('submitted.late')).toBe('ok');
    expect(stepTone('decided.sendConsent')).toBe('ok');
    expect(stepTone('event.received')).toBe('ok');
    expect(stepTone('consent.optIn.api')).toBe('neutral');
    expect(stepTone('config.binding_set')).toBe('neutral');
  });
});
