/**
 * What a process does between SIGTERM and exit, as plain decisions (the Nest services that act on
 * them are thin). An api goes serving → draining (readiness 503, no new connections, in-flight
 * requests finish) → closing (pools, queues and Redis close); a request that still reaches it
 * after serving ended is answered 503 with Retry-After, which Passweb and Meta retry elsewhere.
 */
export type ShutdownPhase = 'serving' | 'draining' | 'closing';

/** What a client that arrived during a shutdown is told to wait before trying again. */
export const SHUTDOWN_RETRY_AFTER_SECONDS = 1;

/**
 * What closing pools, queues and Redis may take after the drain, on top of SHUTDOWN_GRACE_MS,
 * before the process exits regardless: SIGTERM never leaves a process hanging.
 */
export const CLOSE_ALLOWANCE_MS = 5_000;

export interface Refusal {
  status: 503;
  headers: Record<string, string>;
  body: { statusCode: 503; error: 'Service Unavailable'; message: string };
}

const REFUSAL: Refusal = {
  status: 503,
  // Connection: close, so the client's next try opens a connection to a replica still serving.
  headers: { 'retry-after': String(SHUTDOWN_RETRY_AFTER_SECONDS), connection: 'close', 'content-type': 'application/json; charset=utf-8' },
  body: { statusCode: 503, error: 'Service Unavailable', message: 'this instance is shutting down; retry' },
};

/** What a request that reaches the server in `phase` gets: served, or refused with 503. */
export function requestAnswer(phase: ShutdownPhase): 'serve' | Refusal {
  return phase === 'serving' ? 'serve' : REFUSAL;
}

/** The phase after `event`; a second signal while already shutting down changes nothing. */
export function nextPhase(phase: ShutdownPhase, event: 'signal' | 'drained'): ShutdownPhase {
  if (event === 'signal') return phase === 'serving' ? 'draining' : phase;
  return phase === 'draining' ? 'closing' : phase;
}

/** When the process must be gone at the latest after the signal, however the closing goes. */
export function exitDeadlineMs(graceMs: number): number {
  return graceMs + CLOSE_ALLOWANCE_MS;
}

/**
 * The one line logged when a bounded wait ends with work still under way: what was waited for,
 * never whose (no ids, no personal data).
 */
export function gaveUpLine(stage: string, waitedMs: number, pending: readonly string[]): string {
  return `shutdown: gave up ${stage} after ${waitedMs} ms; still under way: ${pending.length === 0 ? 'nothing' : pending.join(', ')}`;
}
