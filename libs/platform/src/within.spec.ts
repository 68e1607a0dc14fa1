import { setTimeout as sleep } from 'node:timers/promises';
import { within } from './within.js';

describe('within', () => {
  it('passes on a value or a failure that comes in time', async () => {
    await expect(within(Promise.resolve(7), 50, 'x')).resolves.toBe(7);
    await expect(within(Promise.reject(new Error('boom')), 50, 'x')).rejects.toThrow('boom');
  });

  it('rejects naming what did not answer, and a late failure is not left unhandled', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      const slow = sleep(40).then(() => Promise.reject(new Error('late')));
      await expect(within(slow, 10, 'the queue')).rejects.toThrow('the queue did not answer within 10 ms');
      await sleep(60);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
