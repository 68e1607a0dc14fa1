/** A 5xx some client of the run got: from the Passweb load, or a webhook the simulator posted. */
export interface ServerError {
  at: number;
  status: number;
  /** The api that answered (a URL starting with its base URL). */
  url: string;
  /** The Retry-After it carried; undefined where the client does not record headers (webhooks). */
  retryAfter?: string | null;
}

export interface OutageWindows {
  postgres: { from: number; to: number }[];
  drains: { url: string; from: number; to: number }[];
}

// A 503 answered this long after PostgreSQL came back still belongs to the outage (pools reconnecting).
const POSTGRES_GRACE_MS = 5_000;
// The answer is timed when the client read it, a little after the api's exit was seen.
const DRAIN_GRACE_MS = 1_000;

/**
 * Why a 5xx was to be expected, or null when it is a finding: only a 503, and only while
 * PostgreSQL was down or, with Retry-After, from an api that was shutting down. A 500 never is.
 */
export function expectedBecause(e: ServerError, windows: OutageWindows): 'postgres down' | 'api draining' | null {
  if (e.status !== 503) return null;
  if (windows.postgres.some((w) => e.at >= w.from && e.at <= w.to + POSTGRES_GRACE_MS)) return 'postgres down';
  const draining = windows.drains.some((w) => e.url.startsWith(w.url) && e.at >= w.from && e.at <= w.to + DRAIN_GRACE_MS);
  return draining && e.retryAfter !== null ? 'api draining' : null;
}

/** Every webhook attempt the simulator (as Meta) got a 5xx for, as the run's other clients' 5xx. */
export async function webhookServerErrors(simulatorUrl: string): Promise<(ServerError & { what: string })[]> {
  const records = (await (await fetch(`${simulatorUrl}/_sim/webhooks`)).json()) as {
    url: string | null;
    description: string;
    attempts: { at: string; status?: number }[];
  }[];
  return records.flatMap((r) =>
    r.attempts
      .filter((a) => (a.status ?? 0) >= 500)
      .map((a) => ({
        at: Date.parse(a.at),
        status: a.status!,
        url: r.url ?? '',
        what: `${a.status} webhook (${r.description.split(' ').slice(0, 2).join(' ')})`,
      })),
  );
}
