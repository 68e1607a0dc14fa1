import { within } from '#sigillo/platform';

export interface StopStep {
  /** What is stopped, as the line written when it gives up names it ("worker 1", "the Hardhat node"). */
  what: string;
  stop: () => Promise<unknown> | unknown;
  /** How long the stop may take before it is forced. */
  ms: number;
  /** What the stop is still waiting for, for that line (best effort: sessions, sockets, jobs). */
  waitingFor?: () => Promise<string> | string;
  /** Frees by force what the stop could not (kills a process, ends database sessions, cuts sockets). */
  force?: () => Promise<unknown> | unknown;
  /** How long forcing may take. */
  forceMs?: number;
  /** After forcing, how long the stop still gets to finish by itself. */
  graceMs?: number;
}

const DIAGNOSE_MS = 3_000;

/** Where the line about a stop given up on goes. */
export type Say = (line: string) => void;

// A line of its own, at once: jest would buffer console output until the file ends.
const toStderr: Say = (line) => void process.stderr.write(`${line}\n`);

/**
 * Runs a stop within `ms`. One that hangs is not waited for longer: one line on stderr says what
 * it was still waiting for, `force` frees what it can, and the returned promise rejects naming it,
 * so a hung teardown fails its test file instead of leaving jest (and a chain) running forever.
 * A stop that fails in time rejects with its own error.
 */
export async function boundedStop(step: StopStep, say: Say = toStderr): Promise<void> {
  const { what, ms, forceMs = 5_000, graceMs = 3_000 } = step;
  let settled = false;
  const stopping = Promise.resolve().then(step.stop);
  void stopping.then(
    () => (settled = true),
    () => (settled = true),
  );
  try {
    await within(stopping, ms, what);
    return;
  } catch (err) {
    if (settled) throw err; // failed by itself, in time: its own error says more
  }
  const waitingFor = step.waitingFor
    ? await within(Promise.resolve().then(step.waitingFor), DIAGNOSE_MS, 'the diagnosis').catch((err: Error) => `(unknown: ${err.message})`)
    : 'something it does not report';
  say(`test stack: ${what} did not stop within ${ms} ms; still waiting for ${waitingFor}; forcing it`);
  if (step.force) await within(Promise.resolve().then(step.force), forceMs, `forcing ${what}`).catch(() => undefined);
  const after = await within(stopping, graceMs, what).then(
    () => 'it then stopped',
    () => (settled ? 'it then failed' : 'it still had not stopped'),
  );
  throw new Error(`${what} did not stop within ${ms} ms (waiting for ${waitingFor}); forced, ${after}`);
}

/**
 * Runs every step in order, each bounded, whatever the ones before did: a hung api never leaves the
 * chain or the database behind. Rejects at the end naming every step that failed or was forced.
 */
export async function stopAll(steps: StopStep[], say: Say = toStderr): Promise<void> {
  const failures: string[] = [];
  for (const step of steps) {
    try {
      await boundedStop(step, say);
    } catch (err) {
      failures.push((err as Error).message);
    }
  }
  if (failures.length > 0) throw new Error(`teardown: ${failures.join('; ')}`);
}
