import type { LoggerService } from '@nestjs/common';
import { exitDeadlineMs } from './shutdown-plan.js';

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
      logger.error(`shutdown: not finished ${deadline} ms after ${signal}; exiting without closing the rest`, 'Shutdown');
      process.exit(1);
    }, deadline).unref();
  };
  // once: listeners left after the shutdown would swallow a signal Nest re-raises.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, arm);
}
