// The explanation codes the api puts on each story step and list row (issue 16's contract): stable
// keys the console translates, never prose in one language. Every code here has an Italian and an
// English sentence (i18n/catalogs.spec.ts checks both catalogs).

export const SKIP_REASONS = [
  'AGENT_CART',
  'NO_BINDING',
  'CONDITION_NOT_MET',
  'NOT_IN_USER_GROUP',
  'OPTED_OUT',
  'NO_TEMPLATE_FOR_LANGUAGE',
  'TEMPLATE_NOT_APPROVED',
  'NO_MARKETING_CONSENT',
  'MISSING_VARIABLE',
  'BSUID_NOT_ALLOWED',
] as const;

/** Where a consent change came from, as the api names it (apps/api/src/console/consent-source.ts). */
export const CONSENT_SOURCES = ['api', 'staff', 'stop_message', 'preference_webhook', 'error_131050'] as const;

export const CONFIG_CHANGES = [
  'config.binding_set',
  'config.api_key_created',
  'config.api_key_revoked',
  'config.staff_account_created',
  'config.staff_account_disabled',
  'config.tenant_setting_changed',
  'config.erasure_ordered',
] as const;

/** Unknown codes (a newer api) fall back to this one, which names the entry type. */
export const FALLBACK_CODE = 'entry.other';

export const EXPLANATION_CODES: readonly string[] = [
  'event.received',
  'decided.send',
  ...SKIP_REASONS.map((r) => `refused.${r}`),
  'submitted',
  'status.sent',
  'status.delivered',
  'status.read',
  'status.failed',
  'failed.permanent',
  'failed.transient',
  'failed.auth',
  ...CONSENT_SOURCES.flatMap((s) => [`consent.optIn.${s}`, `consent.optOut.${s}`]),
  'erasure.recorded',
  'entry.erased',
  'contact.numberChanged',
  'template.status_changed',
  'template.category_changed',
  'template.quality_changed',
  ...CONFIG_CHANGES,
  FALLBACK_CODE,
];

const KNOWN = new Set(EXPLANATION_CODES);

/** The catalog key of a code; an unknown code (a newer api) falls back to the generic sentence. */
export function explanationKey(code: string): string {
  return `explain.${KNOWN.has(code) ? code : FALLBACK_CODE}`;
}

/**
 * The interpolation values of an explanation: strings and numbers only, empty for null, so a
 * sentence never shows "undefined". The entry type goes in too, for the generic sentence.
 */
export function explanationValues(type: string, params: Record<string, unknown> | undefined): Record<string, string> {
  const values: Record<string, string> = { type };
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === 'string') values[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) values[name] = String(value);
    else if (Array.isArray(value)) values[name] = value.filter((v) => typeof v === 'string' || typeof v === 'number').join(', ');
    else values[name] = '';
  }
  return values;
}

/** A list row's refusal or failure reason as a catalog key: a SKIP reason, or a Meta error code. */
export function reasonKey(reason: string | null): { key: string; values: Record<string, string> } | null {
  if (reason === null || reason === '') return null;
  if ((SKIP_REASONS as readonly string[]).includes(reason)) return { key: `reason.${reason}`, values: {} };
  if (/^\d+$/.test(reason)) return { key: 'reason.errorCode', values: { code: reason } };
  if (reason === 'ERASED') return { key: 'reason.ERASED', values: {} };
  return { key: 'reason.other', values: { reason } };
}

/** A consent source as a catalog key (a caller's own label, e.g. `passweb-checkout`, is an API source). */
export function sourceKey(source: string): string {
  return `source.${(CONSENT_SOURCES as readonly string[]).includes(source) ? source : 'other'}`;
}
