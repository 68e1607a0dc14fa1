/** A session ends after 30 minutes without a request, and 12 hours after sign-in whatever happens. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;

/** When a session signed in at `now` must end at the latest. */
export function sessionExpiresAt(now: Date): Date {
  return new Date(now.getTime() + SESSION_ABSOLUTE_MS);
}

/** Whether a session is still alive at `now`: neither idle too long nor past its absolute end. */
export function sessionAlive(session: { lastSeenAt: Date; expiresAt: Date }, now: Date): boolean {
  return now.getTime() < session.expiresAt.getTime() && now.getTime() - session.lastSeenAt.getTime() < SESSION_IDLE_MS;
}

/** The oldest last-seen time a live session may have at `now` (for the lookup's WHERE). */
export function idleCutoff(now: Date): Date {
  return new Date(now.getTime() - SESSION_IDLE_MS);
}

/** Writes need the session's CSRF token; reads do not change anything. */
export function isWrite(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
