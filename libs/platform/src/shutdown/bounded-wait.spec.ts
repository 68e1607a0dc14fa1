import { setTimeout as sleep } from 'node:timers/promises';
import { waitBounded } from './bounded-wait.js';

describe('waitBounded', () => {
  it('answers nothing pending when every task settles in time, failures included', async () => {
    const started = Date.now();
    await expect(waitBounded({ a: sleep(5), b: Promise.reject(new Error('boom')) }, 1000)).resolves.toEqual([]);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('gives up at the bound and names the tasks still under way', async () => {
    const started = Date.now();
    const pending = await waitBounded({ quick: sleep(5), slow: sleep(300), hung: new Promise(() => undefined) }, 60);
    expect(pending.sort()).toEqual(['hung', 'slow']);
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('answers at once for no tasks', async () => {
    await expect(waitBounded({}, 10_000)).resolves.toEqual([]);
  });
});
