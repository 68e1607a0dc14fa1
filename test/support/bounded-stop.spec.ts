import { setTimeout as sleep } from 'node:timers/promises';
import { boundedStop, stopAll } from './bounded-stop.js';

const never = () => new Promise<void>(() => undefined);

describe('boundedStop', () => {
  it('passes a stop that ends in time, and the error of one that fails in time, without forcing', async () => {
    let forced = 0;
    const force = () => void forced++;
    const said: string[] = [];
    await expect(boundedStop({ what: 'x', stop: () => sleep(5), ms: 200, force }, (l) => said.push(l))).resolves.toBeUndefined();
    await expect(boundedStop({ what: 'x', stop: () => Promise.reject(new Error('boom')), ms: 200, force }, (l) => said.push(l))).rejects.toThrow('boom');
    expect(forced).toBe(0);
    expect(said).toEqual([]);
  });

  it('gives up on a hanging stop: one line naming it and what it waits for, forces it, rejects saying so', async () => {
    let release: () => void = () => undefined;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    const said: string[] = [];
    const started = Date.now();
    const result = boundedStop(
      {
        what: 'worker 1',
        stop: () => hanging,
        ms: 50,
        waitingFor: () => 'sigillo active (Lock:advisory): SELECT pg_advisory_lock($1)',
        force: () => release(),
        graceMs: 200,
      },
      (l) => said.push(l),
    );
    await expect(result).rejects.toThrow(
      'worker 1 did not stop within 50 ms (waiting for sigillo active (Lock:advisory): SELECT pg_advisory_lock($1)); forced, it then stopped',
    );
    expect(Date.now() - started).toBeLessThan(1000);
    expect(said).toEqual([
      'test stack: worker 1 did not stop within 50 ms; still waiting for sigillo active (Lock:advisory): SELECT pg_advisory_lock($1); forcing it',
    ]);
  });

  it('stays bounded when neither the diagnosis nor the force answers', async () => {
    const said: string[] = [];
    const result = boundedStop(
      { what: 'the api', stop: never, ms: 20, waitingFor: () => Promise.reject(new Error('no database')), force: never, forceMs: 20, graceMs: 20 },
      (l) => said.push(l),
    );
    await expect(result).rejects.toThrow('the api did not stop within 20 ms (waiting for (unknown: no database)); forced, it still had not stopped');
    expect(said).toHaveLength(1);
  });
});

describe('stopAll', () => {
  it('runs every step whatever the ones before did, and names each that failed or hung', async () => {
    const ran: string[] = [];
    const step = (what: string, stop: () => Promise<void>) => ({ what, ms: 30, graceMs: 10, stop: async () => (ran.push(what), stop()) });
    const result = stopAll(
      [step('the simulator', () => Promise.reject(new Error('refused'))), step('worker 1', never), step('the chain', async () => undefined)],
      () => undefined,
    );
    await expect(result).rejects.toThrow(/^teardown: refused; worker 1 did not stop within 30 ms .*forced, it still had not stopped$/);
    expect(ran).toEqual(['the simulator', 'worker 1', 'the chain']);
  });
});
