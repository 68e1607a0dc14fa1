import { DEFAULT_THROUGHPUT, isNumberMode, throughputFor } from './tenant.js';

describe('a number mode and its throughput', () => {
  it("defaults to Meta's figure for the mode: 80/s on Cloud API, 20/s shared with the WhatsApp Business app", () => {
    expect(DEFAULT_THROUGHPUT).toEqual({ cloud_api: 80, coexistence: 20 });
    expect(throughputFor('cloud_api', undefined)).toEqual({ ok: true, perSecond: 80 });
    expect(throughputFor('coexistence', undefined)).toEqual({ ok: true, perSecond: 20 });
  });

  it("takes a given rate within the mode's ceiling", () => {
    expect(throughputFor('cloud_api', '1000')).toEqual({ ok: true, perSecond: 1000 });
    expect(throughputFor('coexistence', '10')).toEqual({ ok: true, perSecond: 10 });
    expect(throughputFor('coexistence', '20')).toEqual({ ok: true, perSecond: 20 });
  });

  it('refuses a rate above the ceiling, under 1, or not an integer, naming the flag and the range', () => {
    expect(throughputFor('coexistence', '21')).toEqual({ ok: false, problem: '--throughput must be an integer from 1 to 20 for a coexistence number' });
    expect(throughputFor('cloud_api', '1001')).toEqual({ ok: false, problem: '--throughput must be an integer from 1 to 1000 for a cloud_api number' });
    for (const bad of ['0', '-5', '2.5', 'fast', '', ' 20']) expect(throughputFor('cloud_api', bad).ok).toBe(false);
  });

  it('knows the two modes only', () => {
    expect(isNumberMode('cloud_api')).toBe(true);
    expect(isNumberMode('coexistence')).toBe(true);
    expect(isNumberMode('on_premises')).toBe(false);
    expect(isNumberMode(undefined)).toBe(false);
  });
});
