import { marketingOptOutByError, statusErrorCodes, USER_STOPPED_MARKETING } from './marketing-opt-out.js';

const OPT_OUT = { category: 'marketing', action: 'opt_out', source: 'meta-error-131050', code: 131050 };

describe('marketingOptOutByError (Meta error 131050)', () => {
  it('is a marketing opt-out keyed by the failed message, from a send answer', () => {
    expect(USER_STOPPED_MARKETING).toBe(131050);
    expect(marketingOptOutByError({ codes: [131050], ref: 'n-1' })).toEqual({ ...OPT_OUT, clientId: 'wa-131050:n-1' });
  });

  it('is one from a failed status whose errors carry 131050 among others', () => {
    expect(marketingOptOutByError({ codes: [131026, 131050], status: 'failed', ref: 'wamid.X' })).toEqual({ ...OPT_OUT, clientId: 'wa-131050:wamid.X' });
  });

  it('is none for any other status, even carrying the code', () => {
    for (const status of ['sent', 'delivered', 'read', 'deleted', '']) expect(marketingOptOutByError({ codes: [131050], status, ref: 'w' })).toBeNull();
  });

  it('is none for other codes, no code, or the code as text', () => {
    for (const codes of [[], [null], [undefined], [131026], [131049], [131051], ['131050'], [131050.5]]) {
      expect(marketingOptOutByError({ codes, ref: 'n' })).toBeNull();
      expect(marketingOptOutByError({ codes, status: 'failed', ref: 'n' })).toBeNull();
    }
  });
});

describe('statusErrorCodes', () => {
  it("reads each error's code, in order", () => {
    expect(statusErrorCodes({ errors: [{ code: 131050, title: 'x' }, { code: 131026 }] })).toEqual([131050, 131026]);
  });

  it('reads nothing from a status without errors or with malformed ones', () => {
    expect(statusErrorCodes({})).toEqual([]);
    expect(statusErrorCodes({ errors: 'oops' })).toEqual([]);
    expect(statusErrorCodes({ errors: [null, 'x', 3, {}] })).toEqual([undefined, undefined, undefined, undefined]);
  });
});
