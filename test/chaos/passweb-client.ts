import { setTimeout as sleep } from 'node:timers/promises';

/** Answers a Passweb-like client saw, for the summary and the 5xx assertion. */
export class AnswerLog {
  readonly byStatus = new Map<number, number>();
  connectionErrors = 0;
  /** Why requests got no answer at all (ECONNRESET, timeouts…), with when: retried like Passweb. */
  readonly connectionErrorKinds: string[] = [];
  /** Every 5xx with when and by whom it was answered: 503s are allowed only while PostgreSQL was down or that api drained. */
  readonly serverErrors: { at: number; status: number; path: string; body: string; url: string; retryAfter: string | null }[] = [];
  /** Requests given up after retrying for the whole deadline. */
  readonly givenUp: string[] = [];

  count(status: number): void {
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  get(status: number): number {
    return this.byStatus.get(status) ?? 0;
  }
}

export interface Answer {
  status: number;
  body: any;
}

const RETRY_DEADLINE_MS = 180_000;
const ATTEMPT_TIMEOUT_MS = 30_000;

/**
 * Posts like Passweb does: a 503, a 429 or a connection that failed is retried (with a little
 * backoff) until it gets a real answer; every answer on the way is counted. Requests alternate
 * between the api replicas, as a load balancer would spread them.
 */
export class PasswebClient {
  private next = 0;

  constructor(
    private readonly apiUrls: string[],
    private readonly key: string,
    readonly log: AnswerLog,
  ) {}

  async post(path: string, body: unknown): Promise<Answer> {
    const deadline = Date.now() + RETRY_DEADLINE_MS;
    const raw = JSON.stringify(body);
    for (let attempt = 1; ; attempt++) {
      const url = this.apiUrls[this.next++ % this.apiUrls.length];
      let answer: Answer | null = null;
      try {
        const res = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json' },
          body: raw,
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
        const text = await res.text();
        answer = { status: res.status, body: parse(text) };
        this.log.count(res.status);
        if (res.status >= 500)
          this.log.serverErrors.push({ at: Date.now(), status: res.status, path, body: text.slice(0, 300), url, retryAfter: res.headers.get('retry-after') });
      } catch (err) {
        this.log.connectionErrors++;
        const cause = (err as { cause?: { code?: string; message?: string } }).cause;
        this.log.connectionErrorKinds.push(`${new Date().toISOString()} ${cause?.code ?? cause?.message ?? (err as Error).name}`);
      }
      if (answer && answer.status !== 503 && answer.status !== 429 && answer.status < 500) return answer;
      if (Date.now() > deadline) {
        this.log.givenUp.push(`${path} after ${attempt} attempts (last: ${answer ? answer.status : 'no connection'})`);
        return answer ?? { status: 0, body: null };
      }
      await sleep(Math.min(2000, 100 * attempt));
    }
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
