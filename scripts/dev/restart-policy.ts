/** How `npm run dev` treats a child that dies on its own: restart it, a bounded number of times. */
export interface RestartPolicy {
  /** The crash that makes this many within `windowMs` is not restarted: the stack stops. */
  maxCrashes: number;
  windowMs: number;
  /** Wait before the first restart, doubled for each further crash in the window, up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
}

// A process that crashes five times in a minute will crash a sixth: a loop of restarts would only
// bury the first error under the same lines again.
export const DEV_RESTART_POLICY: RestartPolicy = { maxCrashes: 5, windowMs: 60_000, firstDelayMs: 500, maxDelayMs: 8_000 };

export type RestartDecision =
  { restart: true; delayMs: number; crashesInWindow: number; recentCrashes: number[] } | { restart: false; crashesInWindow: number; recentCrashes: number[] };

/**
 * Whether to restart a child that just crashed at `now`, given when it crashed before (ms
 * timestamps). `recentCrashes` (those still within the window, `now` included) is what to keep
 * for the next decision.
 */
export function decideRestart(previousCrashes: readonly number[], now: number, policy: RestartPolicy = DEV_RESTART_POLICY): RestartDecision {
  const recentCrashes = [...previousCrashes.filter((t) => t > now - policy.windowMs && t <= now), now];
  const crashesInWindow = recentCrashes.length;
  if (crashesInWindow >= policy.maxCrashes) return { restart: false, crashesInWindow, recentCrashes };
  const delayMs = Math.min(policy.firstDelayMs * 2 ** (crashesInWindow - 1), policy.maxDelayMs);
  return { restart: true, delayMs, crashesInWindow, recentCrashes };
}
