/**
 * Every Meta error code Sigillo knows, in one table: what the sender does with it and why.
 *
 * Source for each row (the `source` field): Meta's "WhatsApp error codes" page,
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/
 * (updated Jun 18, 2026), in the section named by `source`. A code Meta's page does not list but
 * that Meta returns anyway says so in its `source`.
 *
 * Classes:
 * - `throttling`: a limit of Meta's was hit (app, WABA, phone number, recipient pair, spam). The
 *   same request succeeds once the limit refills: retried with backoff, never sooner than `retryAfterMs`.
 * - `transient`: Meta-side trouble (unknown error, downtime, maintenance): retried with backoff.
 * - `auth`: the token is no good; a refreshed one may work.
 * - `permanent`: the message, template, recipient or account is wrong; retrying sends the same refusal.
 *
 * A code not in this table is final unless the HTTP status or Graph's `is_transient` says
 * otherwise, and is counted (`sigillo_send_errors_unclassified`) and logged so the table can grow.
 */
export type MetaErrorClass = 'throttling' | 'transient' | 'auth' | 'permanent';

export interface MetaErrorCode {
  code: number;
  class: MetaErrorClass;
  /** Meta's title for the code. */
  title: string;
  /**
   * The least delay before a retry can succeed, only where Meta states or implies one (a
   * per-second throughput, one message per 6 s to a user). Elsewhere the sender's backoff decides.
   */
  retryAfterMs?: number;
  /** The section of Meta's error-codes page listing the code. */
  source: string;
}

export const META_ERROR_CODES_URL = 'https://developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes/';

const THROTTLING = 'Throttling errors';
const AUTHORIZATION = 'Authorization errors';
const INTEGRITY = 'Integrity errors';
const OTHER = 'Other errors';
const REGISTRATION = 'Registration errors';
const TEMPLATES = 'Template errors';
const FLOWS = 'Flow errors';
// Checked 2026-12-02 against the stored copies of Meta's pages (search tool, corpora docs and pages).
const NOT_FOUND_131064 =
  "Throttling errors: issue 15 reads it there as throttling; the stored copy of the page (updated Jun 18, 2026) does not show it, so the class follows the issue and Meta's 'try again later' wording for rate limits";
const GRAPH_BUC_80008 =
  "not on the WhatsApp page: a Graph API Business Use Case rate limit (codes 80000-80014, https://developers.facebook.com/docs/graph-api/overview/rate-limiting), the WhatsApp Business Management API's; retried like 80007";
const BSUID_GUIDE_131062 =
  'not on the stored copy of the error-codes page: Meta\'s "Business-scoped user IDs" guide (https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids/): copy-code, one-tap and zero-tap authentication templates need a phone number';

const row = (code: number, cls: MetaErrorClass, title: string, source: string, retryAfterMs?: number): MetaErrorCode => ({
  code,
  class: cls,
  title,
  source,
  ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
});

export const META_ERROR_CODES: readonly MetaErrorCode[] = [
  // Throttling: Meta's advice for each is "try again later" or "reduce the frequency".
  row(4, 'throttling', 'API Too Many Calls (app rate limit)', THROTTLING),
  row(80007, 'throttling', 'Rate limit issues (WhatsApp Business Account)', THROTTLING),
  row(130429, 'throttling', 'Rate limit hit (Cloud API throughput per phone number)', THROTTLING, 1_000),
  row(131048, 'throttling', 'Spam rate limit hit (quality-based limit on the phone number)', THROTTLING),
  row(131056, 'throttling', '(Business Account, Consumer Account) pair rate limit hit', THROTTLING, 6_000),
  row(133016, 'throttling', 'Account register deregister rate limit exceeded', THROTTLING),
  row(131064, 'throttling', 'Rate limit (throttling)', NOT_FOUND_131064),
  row(80008, 'throttling', 'Rate limit issues (WhatsApp Business Management API, Business Use Case limit)', GRAPH_BUC_80008),

  // Meta-side trouble: the same request can succeed later.
  row(1, 'transient', 'API Unknown (possible server error)', OTHER),
  row(2, 'transient', 'API Service (downtime or overload)', OTHER),
  row(131000, 'transient', 'Something went wrong', OTHER),
  row(131016, 'transient', 'Service unavailable', OTHER),
  row(131057, 'transient', 'Business Account in maintenance mode', OTHER),
  row(133004, 'transient', 'Server temporarily unavailable', REGISTRATION),
  row(133015, 'transient', 'Please wait a few minutes before attempting to register this phone number', REGISTRATION, 300_000),

  // The token is expired, revoked or malformed: a refreshed token may work, the same one never.
  row(0, 'auth', 'AuthException', AUTHORIZATION),
  row(190, 'auth', 'Access token has expired', AUTHORIZATION),

  // Permissions: a person must grant them; retrying meanwhile sends the same refusal.
  row(3, 'permanent', 'API Method (capability or permissions issue)', AUTHORIZATION),
  row(10, 'permanent', 'Permission Denied', AUTHORIZATION),
  row(200, 'permanent', 'API Permission', AUTHORIZATION),

  // Policy: days, not seconds, and a person must act.
  row(368, 'permanent', 'Temporarily blocked for policies violations', INTEGRITY),
  row(130497, 'permanent', 'Business account is restricted from messaging users in this country', INTEGRITY),
  row(131031, 'permanent', 'Account has been locked', INTEGRITY),

  // The message, template, recipient or account is wrong.
  row(33, 'permanent', 'Parameter value is not valid (business phone number deleted)', OTHER),
  row(100, 'permanent', 'Invalid parameter', OTHER),
  row(470, 'permanent', 'Re-engagement message (outside the customer service window)', 'On-Premises API code, not on the Cloud API page; resellers relay it'),
  row(130472, 'permanent', "User's number is part of an experiment", OTHER),
  row(131005, 'permanent', 'Access denied', OTHER),
  row(131008, 'permanent', 'Required parameter is missing', OTHER),
  row(131009, 'permanent', 'Parameter value is not valid', OTHER),
  row(131021, 'permanent', 'Recipient cannot be sender', OTHER),
  row(131026, 'permanent', 'Message undeliverable', OTHER),
  row(131037, 'permanent', 'WhatsApp provided number needs display name approval', OTHER),
  row(131042, 'permanent', 'Business eligibility payment issue', OTHER),
  row(131045, 'permanent', 'Incorrect certificate', OTHER),
  row(131047, 'permanent', 'Re-engagement message', OTHER),
  // Meta: do not retry right away; the user's marketing limit is adaptive, not a rate.
  row(131049, 'permanent', 'This message was not delivered to maintain healthy ecosystem engagement', OTHER),
  row(131050, 'permanent', 'User has stopped marketing messages from this business', OTHER),
  row(131051, 'permanent', 'Unsupported message type', OTHER),
  row(131052, 'permanent', 'Media download error', OTHER),
  row(131053, 'permanent', 'Media upload error', OTHER),
  row(131062, 'permanent', 'Business-scoped User ID (BSUID) recipients are not supported for this message', BSUID_GUIDE_131062),
  row(132000, 'permanent', 'Template Param Count Mismatch', TEMPLATES),
  row(132001, 'permanent', 'Template does not exist', TEMPLATES),
  row(132005, 'permanent', 'Template Hydrated Text Too Long', TEMPLATES),
  row(132007, 'permanent', 'Template Format Character Policy Violated', TEMPLATES),
  row(132012, 'permanent', 'Template Parameter Format Mismatch', TEMPLATES),
  row(132015, 'permanent', 'Template is Paused', TEMPLATES),
  row(132016, 'permanent', 'Template is Disabled', TEMPLATES),
  row(132018, 'permanent', 'Template parameter text has new lines, tabs or more than 4 spaces', TEMPLATES),
  row(132068, 'permanent', 'Flow is in blocked state', FLOWS),
  // A flow's own hourly cap (10 sends): an hour's wait, so not retried within a send's deadline.
  row(132069, 'permanent', 'Flow is in throttled state', FLOWS),
  row(133000, 'permanent', 'Incomplete deregistration', REGISTRATION),
  row(133005, 'permanent', 'Two step verification PIN Mismatch', REGISTRATION),
  row(133006, 'permanent', 'Phone number re-verification needed', REGISTRATION),
  row(133008, 'permanent', 'Too many two step verification PIN guesses', REGISTRATION),
  row(133009, 'permanent', 'Two step verification PIN Guessed Too Fast', REGISTRATION),
  row(133010, 'permanent', 'Phone number Not Registered', REGISTRATION),
  row(135000, 'permanent', 'Generic user error', OTHER),
];

const BY_CODE: ReadonlyMap<number, MetaErrorCode> = new Map(META_ERROR_CODES.map((r) => [r.code, r]));

/** The row for `code`; Meta's 200–299 permission range shares one row. Null for a code we do not know. */
export function metaErrorCode(code: number | null): MetaErrorCode | null {
  if (code === null) return null;
  const exact = BY_CODE.get(code);
  if (exact) return exact;
  if (code >= 200 && code <= 299) return { ...BY_CODE.get(200)!, code };
  return null;
}

/** Attempts by error code (as the metrics read them) reduced to the codes this table does not know, summed over outcomes. */
export function unclassifiedErrorCounts(attempts: readonly { errorCode: string; count: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of attempts) {
    if (!/^\d{1,9}$/.test(a.errorCode) || metaErrorCode(Number(a.errorCode)) !== null) continue;
    out.set(a.errorCode, (out.get(a.errorCode) ?? 0) + a.count);
  }
  return out;
}
