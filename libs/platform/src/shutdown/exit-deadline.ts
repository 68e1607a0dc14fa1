import type { LoggerService } from '@nestjs/common';
import { exitDeadlineMs } from './shutdown-plan.js';

// What the shutdown is doing now, for the line logged if it runs out of time. One per process:
// a process shuts down once.
let stage = 'running the shutdown hooks';

/** Says what the shutdown moves on to (the drains call it), so a hang is named. */
export function noteShutdownStage(now: string): void {
  stage = now;
}

/**
 * On the first SIGTERM or SIGINT, a timer that ends the process if the graceful shutdown (Nest's
 * hooks, each bounded by SHUTDOWN_GRACE_MS) has not exited it in time: a hung close (a Redis
 * that never answers QUIT) must not hold a rolling deploy until Kubernetes' SIGKILL. The timer
 * is unref'd, so it never keeps a process alive that is done.
 */
export function exitIfShutdownOutlasts(graceMs: number, logger: LoggerService): void {
  const deadline = exitDeadlineMs(graceMs);
  const arm = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      logger.error(`shutdown: not finished ${deadline} ms after ${signal}, still ${stage}; exiting`, 'Shutdown');
      process.exit(1);
    }, deadline).unref();
  };
  // once: listeners left after the shutdown would swallow a signal Nest re-raises.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, arm);
}
