import { callbackDataCandidates, callbackDataFor, parseCallbackData } from './callback-data.js';

const ID = '0b6f3b4e-8a52-4a57-9a55-1f1d2b7c9e10';

describe('callback data', () => {
  it('round-trips a notification and attempt', () => {
    expect(parseCallbackData(callbackDataFor(ID, 3))).toEqual({ notificationId: ID, attempt: 3 });
  });

  it('reads the notification id alone, as sends before the attempt was carried wrote it', () => {
    expect(parseCallbackData(ID)).toEqual({ notificationId: ID, attempt: null });
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['n-1'],
    [`${ID}:`],
    [`${ID}:0`],
    [`${ID}:01`],
    [`${ID}:12345`],
    [`${ID}:x`],
    [`${ID}:1:2`],
    [ID.toUpperCase()],
    [`${ID} `],
  ])('ignores %p, which Sigillo did not write', (data) => {
    expect(parseCallbackData(data)).toBeNull();
  });

  it('lists every value the attempts up to a number may carry', () => {
    expect(callbackDataCandidates(ID, 2)).toEqual([ID, `${ID}:1`, `${ID}:2`]);
    expect(callbackDataCandidates(ID, 0)).toEqual([ID]);
  });
});
