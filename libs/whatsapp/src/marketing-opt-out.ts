/**
 * Meta's error 131050, "User has stopped marketing messages from this business": the user turned
 * off this business's marketing messages in WhatsApp. Sigillo records it as what it is, an opt-out
 * of marketing, whichever way the error arrives (the answer to a send, or a `failed` status).
 * https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
 */
export const USER_STOPPED_MARKETING = 131050;

/** The consent change a 131050 failure stands for. */
export interface MarketingOptOutByError {
  category: 'marketing';
  action: 'opt_out';
  source: 'meta-error-131050';
  /** Sigillo's own idempotency id: one opt-out per failed message, however often Meta repeats it. */
  clientId: string;
  code: typeof USER_STOPPED_MARKETING;
}

/**
 * The opt-out a failure stands for, or null. `codes`: Meta's error codes of the failure (the send's
 * answer, or a status's `errors[].code`); `status`: the delivery status it came with, if any (only
 * `failed` can carry it); `ref`: the failed message's id (notification id or wamid), which keys it.
 */
export function marketingOptOutByError(failure: { codes: readonly unknown[]; status?: string; ref: string }): MarketingOptOutByError | null {
  if (failure.status !== undefined && failure.status !== 'failed') return null;
  if (!failure.codes.includes(USER_STOPPED_MARKETING)) return null;
  return {
    category: 'marketing',
    action: 'opt_out',
    source: 'meta-error-131050',
    clientId: `wa-${USER_STOPPED_MARKETING}:${failure.ref}`,
    code: USER_STOPPED_MARKETING,
  };
}

/** The error codes of a status object as Meta sends it (`errors: [{ code, … }]`); none when absent or malformed. */
export function statusErrorCodes(status: Record<string, unknown>): unknown[] {
  return Array.isArray(status.errors) ? status.errors.map((e) => (e !== null && typeof e === 'object' ? (e as { code?: unknown }).code : undefined)) : [];
}
