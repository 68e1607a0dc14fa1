import { passwordProblem } from './password.js';
import { isStaffRole, STAFF_ROLES, type StaffRole } from './staff-role.js';

export interface FieldError {
  field: string;
  message: string;
}

export interface NewStaffInput {
  email: string;
  displayName: string;
  role: StaffRole;
  password: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

// Practical, not RFC 5322: one @, no spaces, a dot in the domain.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** E-mails are compared lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A new staff account's fields, each problem named by its field. */
export function checkNewStaff(body: unknown): Checked<NewStaffInput> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] };
  const b = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  const known = new Set(['email', 'displayName', 'role', 'password']);
  for (const key of Object.keys(b)) if (!known.has(key)) errors.push({ field: key, message: 'is not a field of a staff account' });
  if (typeof b.email !== 'string' || !EMAIL.test(b.email.trim()) || b.email.length > 254) errors.push({ field: 'email', message: 'must be an e-mail address' });
  const name = typeof b.displayName === 'string' ? b.displayName.trim() : b.displayName;
  if (typeof name !== 'string' || name.length === 0 || name.length > 120) errors.push({ field: 'displayName', message: 'must be 1 to 120 characters' });
  if (!isStaffRole(b.role)) errors.push({ field: 'role', message: `must be one of ${STAFF_ROLES.join(', ')}` });
  const pw = passwordProblem(b.password);
  if (pw) errors.push({ field: 'password', message: pw });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { email: normalizeEmail(b.email as string), displayName: name as string, role: b.role as StaffRole, password: b.password as string },
  };
}

export interface SignInInput {
  tenant: string | null;
  email: string;
  password: string;
}

/** The sign-in form: malformed input is a 400 naming the field, never a hint about accounts. */
export function checkSignIn(body: unknown): Checked<SignInInput> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] };
  const b = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(b)) if (!['tenant', 'email', 'password'].includes(key)) errors.push({ field: key, message: 'is not a field of the sign-in' });
  if (b.tenant !== undefined && b.tenant !== null && (typeof b.tenant !== 'string' || b.tenant.trim().length === 0 || b.tenant.length > 200)) {
    errors.push({ field: 'tenant', message: 'must be a tenant id or name, or left out for a global operator' });
  }
  if (typeof b.email !== 'string' || b.email.trim().length === 0 || b.email.length > 254) errors.push({ field: 'email', message: 'must be an e-mail address' });
  if (typeof b.password !== 'string' || b.password.length === 0 || b.password.length > 256)
    errors.push({ field: 'password', message: 'must be given (at most 256 characters)' });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { tenant: typeof b.tenant === 'string' ? b.tenant.trim() : null, email: normalizeEmail(b.email as string), password: b.password as string },
  };
}
