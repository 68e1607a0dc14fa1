import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { PollLoop } from './poll-loop.js';

describe('PollLoop', () => {
  it('stops without waiting out its idle pause, and only after the step under way', async () => {
    const steps: string[] = [];
    const loop = new PollLoop(
      'test',
      60_000,
      async () => {
        steps.push('start');
        await sleep(50);
        steps.push('end');
        return 'idle';
      },
      new Logger('test'),
    );
    loop.start();
    await sleep(10); // the first step is under way
    const started = Date.now();
    await loop.stop();
    expect(steps).toEqual(['start', 'end']);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('can start again after a stop', async () => {
    let runs = 0;
    const loop = new PollLoop('test', 60_000, async () => (runs++, 'idle'), new Logger('test'));
    loop.start();
    await sleep(10);
    await loop.stop();
    loop.start();
    await sleep(10);
    await loop.stop();
    expect(runs).toBe(2);
  });
});
