// Schema fragments shared by the entry definitions. Kept `as const` so json-schema-to-ts derives
// each body's TypeScript type from the very schema that is published and checked.

export const UUID = { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' } as const;

/** E.164, as the intake normalises every number. */
export const E164 = { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$' } as const;
/**
 * Whom a WhatsApp message reaches: E.164, or the business-scoped user id (BSUID, e.g.
 * IT.1502576394655843) of a user who adopted a username and shows no number. Only version 2 of an
 * entry type takes it: version 1 of every type named a person by E164 alone, and keeps that meaning.
 */
export const WHATSAPP_USER = { type: 'string', pattern: '^(?:\\+[1-9][0-9]{6,14}|[A-Z]{2}\\.(?:ENT\\.)?[A-Za-z0-9]{1,128})$' } as const;

/** Date.toISOString(): UTC with milliseconds (six-digit years outside 0000–9999). */
export const ISO_INSTANT = { type: 'string', pattern: '^(?:[0-9]{4}|[+-][0-9]{6})-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$' } as const;

export const NON_EMPTY = { type: 'string', minLength: 1 } as const;

/** Meta's message id. */
export const WAMID = { type: 'string', minLength: 1 } as const;

export const TEMPLATE_CATEGORY = { enum: ['MARKETING', 'UTILITY', 'AUTHENTICATION'] } as const;

/** Any JSON object: for data the entry carries verbatim from elsewhere (Meta, Passweb, the caller). */
export const ANY_OBJECT = { type: 'object' } as const;
