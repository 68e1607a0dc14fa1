// The api's 4xx field errors ({field, message}, fields as `templates.0.name`, `variables.body.1`)
// placed beside the form field they name.
import type { FieldError } from '../api/types.js';

/** Messages of exactly this field. */
export function errorOf(errors: readonly FieldError[], field: string): string | undefined {
  const mine = errors.filter((e) => e.field === field).map((e) => e.message);
  return mine.length ? mine.join('; ') : undefined;
}

/** Errors no field of the form shows (so the form shows them on top, never drops them). */
export function unplacedErrors(errors: readonly FieldError[], shownFields: readonly string[]): FieldError[] {
  const shown = new Set(shownFields);
  return errors.filter((e) => !shown.has(e.field));
}

/** Reads an api error body: `errors` when it is a list of {field, message}, else none. */
export function fieldErrorsOf(body: unknown): FieldError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e?.message === 'string');
}
