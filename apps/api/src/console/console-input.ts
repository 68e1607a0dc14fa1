// The console's forms, checked before anything is written: each problem named by its field.
import { API_ROLES, type ApiRole, type FieldError } from '#sigillo/auth';
import { CONSENT_CATEGORIES, type ConsentCategory } from '#sigillo/consent';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function object(body: unknown): Record<string, unknown> | null {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

function unknownFields(b: Record<string, unknown>, known: string[], what: string): FieldError[] {
  return Object.keys(b)
    .filter((k) => !known.includes(k))
    .map((field) => ({ field, message: `is not a field of ${what}` }));
}

const NOT_OBJECT: Checked<never> = { ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] };

export interface StaffConsent {
  category: ConsentCategory;
  action: 'opt_in' | 'opt_out';
  note?: string;
}

/** POST /console/api/contacts/:id/consents: {category, state, note?}. */
export function checkStaffConsent(body: unknown): Checked<StaffConsent> {
  const b = object(body);
  if (!b) return NOT_OBJECT;
  const errors = unknownFields(b, ['category', 'state', 'note'], 'a consent');
  if (!(CONSENT_CATEGORIES as readonly unknown[]).includes(b.category))
    errors.push({ field: 'category', message: `must be one of ${CONSENT_CATEGORIES.join(', ')}` });
  if (b.state !== 'opt_in' && b.state !== 'opt_out') errors.push({ field: 'state', message: 'must be opt_in or opt_out' });
  if (b.note !== undefined && (typeof b.note !== 'string' || b.note.length > 500))
    errors.push({ field: 'note', message: 'must be text of at most 500 characters' });
  if (errors.length > 0) return { ok: false, errors };
  const note = typeof b.note === 'string' && b.note.trim() !== '' ? b.note.trim() : undefined;
  return { ok: true, value: { category: b.category as ConsentCategory, action: b.state as StaffConsent['action'], ...(note ? { note } : {}) } };
}

/** DELETE /console/api/contacts/:id: {confirm} must repeat the number or BSUID exactly. */
export function checkErasureConfirm(body: unknown, identifier: string): Checked<true> {
  const b = object(body);
  if (!b) return { ok: false, errors: [{ field: 'confirm', message: 'must repeat the number or BSUID being erased' }] };
  const errors = unknownFields(b, ['confirm'], 'an erasure');
  if (b.confirm !== identifier) errors.push({ field: 'confirm', message: 'must repeat the number or BSUID being erased, exactly' });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: true };
}

export interface NewApiKey {
  role: ApiRole;
  label: string;
}

/** POST /console/api/api-keys: {role, label?}. */
export function checkNewApiKey(body: unknown): Checked<NewApiKey> {
  const b = object(body);
  if (!b) return NOT_OBJECT;
  const errors = unknownFields(b, ['role', 'label'], 'an API key');
  if (!(API_ROLES as readonly unknown[]).includes(b.role)) errors.push({ field: 'role', message: `must be one of ${API_ROLES.join(', ')}` });
  if (b.label !== undefined && (typeof b.label !== 'string' || b.label.length > 120))
    errors.push({ field: 'label', message: 'must be text of at most 120 characters' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { role: b.role as ApiRole, label: typeof b.label === 'string' ? b.label.trim() : '' } };
}

/** A path id that must be a UUID. */
export function checkUuid(value: string, field: string): Checked<string> {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)
    ? { ok: true, value: value.toLowerCase() }
    : { ok: false, errors: [{ field, message: 'must be a UUID' }] };
}

/** GET /console/api/overview?days=: 1 to 366, 30 by default. */
export function checkDays(value: unknown): Checked<number> {
  if (value === undefined || value === '') return { ok: true, value: 30 };
  const n = typeof value === 'string' && /^[0-9]{1,3}$/.test(value) ? Number(value) : NaN;
  return n >= 1 && n <= 366 ? { ok: true, value: n } : { ok: false, errors: [{ field: 'days', message: 'must be an integer from 1 to 366' }] };
}

/** What an erasure keeps, as keys the console explains (docs/erasure.md). */
export const ERASURE_KEEPS = [
  'ledger.leafHashes',
  'ledger.subjectErasedEntry',
  'ledger.anchors',
  'notifications.withoutRecipient',
  'consents.withoutPhone',
  'config.history',
] as const;
