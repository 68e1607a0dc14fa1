import { META_ERROR_CODES, metaErrorCode, type MetaErrorClass } from './meta-error-codes.js';

/**
 * What went wrong talking to a WhatsApp provider, reduced to what the sender must decide:
 * - `transient`: try again later (with backoff; `retryAfterMs` when the provider hinted a delay);
 * - `auth`: the token is no good; refreshing it may help, retrying as-is will not;
 * - `permanent`: this message will never go out as it is; record the refusal with its details.
 *
 * Errors end up in logs and in the ledger, so nothing here may carry the access token or a
 * recipient's phone number (see `scrub`).
 */
export type ProviderErrorKind = 'transient' | 'permanent' | 'auth';

export interface ProviderErrorFields {
  kind: ProviderErrorKind;
  code: number | null;
  httpStatus: number | null;
  title: string;
  details?: string | null;
  fbtraceId?: string | null;
  retryAfterMs?: number | null;
  /** See ProviderError.maybeSent. */
  maybeSent?: boolean;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  /** Meta's `error.code` (e.g. 131026), null when the answer carried none. */
  readonly code: number | null;
  /** null when no HTTP answer arrived (network failure, timeout). */
  readonly httpStatus: number | null;
  readonly title: string;
  /** Meta's `error_data.details`: the one field that says which parameter or rule failed. */
  readonly details: string | null;
  /** Quoted to Meta support to find the request on their side. */
  readonly fbtraceId: string | null;
  readonly retryAfterMs: number | null;
  /**
   * No answer came, but the request may have reached the provider (a timeout, a connection cut
   * after sending): the message may be out. Only a failure to connect proves it is not.
   */
  readonly maybeSent: boolean;

  constructor(fields: ProviderErrorFields) {
    const title = scrub(fields.title);
    const details = fields.details == null ? null : scrub(fields.details);
    super(errorMessage({ ...fields, title, details }), fields.cause === undefined ? undefined : { cause: fields.cause });
    this.name = 'ProviderError';
    this.kind = fields.kind;
    this.code = fields.code;
    this.httpStatus = fields.httpStatus;
    this.title = title;
    this.details = details;
    this.fbtraceId = fields.fbtraceId ?? null;
    this.retryAfterMs = fields.retryAfterMs ?? null;
    this.maybeSent = fields.maybeSent ?? false;
  }

  /** No answer at all (refused connection, DNS, reset, timeout): always worth retrying. */
  static network(cause: unknown): ProviderError {
    const timedOut = isTimeout(cause);
    return new ProviderError({
      kind: 'transient',
      code: null,
      httpStatus: null,
      title: timedOut ? 'request timed out' : `network error: ${networkReason(cause)}`,
      maybeSent: !neverConnected(cause),
      cause,
    });
  }

  /** A local refusal before anything was sent, or an answer we cannot read: never retried. */
  static permanent(title: string, details: string | null = null, httpStatus: number | null = null): ProviderError {
    return new ProviderError({ kind: 'permanent', code: null, httpStatus, title, details });
  }
}

function errorMessage(f: ProviderErrorFields): string {
  const parts = [`WhatsApp provider error (${f.kind})`];
  if (f.code !== null) parts.push(`code ${f.code}`);
  if (f.httpStatus !== null) parts.push(`HTTP ${f.httpStatus}`);
  let text = `${parts.join(', ')}: ${f.title}`;
  if (f.details) text += ` — ${f.details}`;
  return text;
}

// Duck-typed: fetch's errors may come from another realm (jest's vm contexts), where instanceof fails.
function isTimeout(cause: unknown): boolean {
  // AbortSignal.timeout() rejects fetch with a DOMException named TimeoutError.
  const name = field(cause, 'name');
  return name === 'TimeoutError' || name === 'AbortError';
}

// Failures before a connection existed: nothing can have been sent.
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function neverConnected(cause: unknown): boolean {
  const code = field(cause, 'code') ?? field(field(cause, 'cause'), 'code');
  return typeof code === 'string' && CONNECT_FAILURES.has(code);
}

function networkReason(cause: unknown): string {
  const message = field(cause, 'message');
  if (typeof message !== 'string') return String(cause);
  // undici reports "fetch failed" and hides the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const code = field(field(cause, 'cause'), 'code');
  return typeof code === 'string' ? `${message} (${code})` : message;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

const MIN_SECRET_LENGTH = 4;

/**
 * Removes what must never be stored in an error: the given secrets (the access token, the
 * recipient's digits) wherever they appear, plus anything shaped like a phone number or a Meta
 * access token, since Meta's texts are free-form and may echo either.
 */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join('[redacted]');
  }
  return (
    out
      .replace(/\bBearer\s+\S+/gi, 'Bearer [redacted]')
      .replace(/\bEA[A-Za-z0-9]{20,}/g, '[redacted-token]')
      // 8+ digits, optionally with a + and spacing: phone numbers; Meta error codes have at most 7.
      .replace(/\+?\d(?:[ .-]?\d){7,}/g, '[redacted-number]')
  );
}

/** Meta's codes by what the sender does with them; see META_ERROR_CODES for the one table and its sources. */
export const META_ERROR_KINDS: ReadonlyMap<number, ProviderErrorKind> = new Map(META_ERROR_CODES.map((r) => [r.code, kindOfClass(r.class)]));

function kindOfClass(cls: MetaErrorClass): ProviderErrorKind {
  return cls === 'throttling' ? 'transient' : cls;
}

export interface ClassifyOptions {
  /** The answer's `Retry-After` header, if any (delta-seconds; HTTP dates are ignored). */
  retryAfter?: string | null;
  /** Exact strings to cut out of Meta's texts: the access token, the recipient's digits. */
  secrets?: readonly string[];
}

/**
 * Turns a Cloud API error answer into a ProviderError. `body` is the parsed JSON (or the raw text)
 * of the answer: Graph's `{ error: { message, code, error_data: { details }, fbtrace_id } }`, or a
 * bare error object as found in status webhooks' `errors[]` (then `httpStatus` is null).
 *
 * A known code decides; otherwise HTTP 5xx/429 and Graph's `is_transient` mean transient, HTTP 401
 * means auth, and anything else is permanent, so an unknown refusal is recorded, not retried forever.
 */
export function classifyMetaError(httpStatus: number | null, body: unknown, options: ClassifyOptions = {}): ProviderError {
  const error = metaErrorObject(body);
  const code = toCode(error?.['code']);
  const secrets = options.secrets ?? [];
  const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? scrub(value.trim(), secrets) : null);

  const errorData = error?.['error_data'];
  const details = (isRecord(errorData) ? text(errorData['details']) : null) ?? text(error?.['error_user_msg']);
  const title =
    text(error?.['message']) ??
    text(error?.['title']) ??
    text(error?.['error_user_title']) ??
    (httpStatus === null ? 'error without a description' : `HTTP ${httpStatus} without a Meta error body`);

  return new ProviderError({
    kind: kindOf(code, httpStatus, error?.['is_transient'] === true),
    code,
    httpStatus,
    title,
    details,
    fbtraceId: typeof error?.['fbtrace_id'] === 'string' ? error['fbtrace_id'] : null,
    retryAfterMs: parseRetryAfter(options.retryAfter) ?? metaErrorCode(code)?.retryAfterMs ?? null,
  });
}

function kindOf(code: number | null, httpStatus: number | null, flaggedTransient: boolean): ProviderErrorKind {
  const known = metaErrorCode(code);
  if (known) return kindOfClass(known.class);
  if (httpStatus !== null && (httpStatus >= 500 || httpStatus === 429)) return 'transient';
  if (flaggedTransient) return 'transient';
  // A 401 without a code we know still means "who are you": a reseller's gateway answers so.
  if (httpStatus === 401) return 'auth';
  return 'permanent';
}

function metaErrorObject(body: unknown): Record<string, unknown> | null {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!isRecord(value)) return null;
  if (isRecord(value['error'])) return value['error'];
  return 'code' in value ? value : null;
}

function toCode(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
  return null;
}

function parseRetryAfter(value: string | null | undefined): number | null {
  if (typeof value !== 'string' || !/^\s*\d{1,6}\s*$/.test(value)) return null;
  return Number(value.trim()) * 1000;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
