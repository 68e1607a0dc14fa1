import type { ValidationError } from 'class-validator';

/** One refused field of a request body: its dotted path and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

export interface FlattenOptions {
  /**
   * When a field breaks several rules, the first of these it breaks is the one reported (the rest
   * follow from it: a missing field is also not a string); any other rule after them.
   */
  order: readonly string[];
  /** The message for a broken rule; class-validator's own when absent (or when it returns undefined). */
  message?: (constraint: string, defaultMessage: string, field: string) => string | undefined;
}

/**
 * class-validator's error tree as one error per field, in its order, each named by its dotted path
 * (`recipient.phone`, `templates.0.name`). A node that broke its own rules (not an object, an
 * unknown field) is reported alone: its children, if any, mean nothing then.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], options: FlattenOptions, prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = `${prefix}${error.property}`;
    const constraints = error.constraints ?? {};
    const names = Object.keys(constraints);
    if (names.length > 0) {
      const name = [...options.order, ...names].find((n) => n in constraints)!;
      out.push({ field, message: options.message?.(name, constraints[name], field) ?? constraints[name] });
    } else if (error.children?.length) {
      out.push(...flattenValidationErrors(error.children, options, `${field}.`));
    }
  }
  return out;
}
