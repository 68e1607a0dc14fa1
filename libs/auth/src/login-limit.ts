/** Sign-in attempts: after 5 failures within 15 minutes, per ip and per (tenant, e-mail), further ones get 429. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60_000;

/**
 * Seconds to wait before trying again, or 0 when a sign-in may be tried now. `failures` are the
 * times of recent failures of one scope (any order; those outside the window are ignored).
 */
export function loginRetryAfter(failures: readonly Date[], now: Date): number {
  const since = now.getTime() - LOGIN_WINDOW_MS;
  const recent = failures
    .map((d) => d.getTime())
    .filter((t) => t > since)
    .sort((a, b) => a - b);
  if (recent.length < LOGIN_MAX_FAILURES) return 0;
  // Allowed again once enough of the failures have left the window.
  const freeing = recent[recent.length - LOGIN_MAX_FAILURES];
  return Math.max(1, Math.ceil((freeing + LOGIN_WINDOW_MS - now.getTime()) / 1000));
}

/** When failures older than this are of no use any more. */
export function loginWindowStart(now: Date): Date {
  return new Date(now.getTime() - LOGIN_WINDOW_MS);
}
