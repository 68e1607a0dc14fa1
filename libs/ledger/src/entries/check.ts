// Holds an entry to the schema of its type and version: pure, and cheap enough for the audit of a
// million entries (validators compiled ahead of time by Ajv, see validators.generated.ts).
import { definitionKey, definitionOf } from './registry.js';
import * as compiled from './validators.generated.js';

/** One wrong field: a JSON Pointer into the entry (`/body/wamid`) and what is wrong with it, never its value. */
export interface EntryProblem {
  field: string;
  problem: string;
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}
type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

const validators = compiled as unknown as Record<string, Validator>;
const bodyValidators = new Map<string, Validator>();

function bodyValidator(type: string): Validator | undefined {
  let v = bodyValidators.get(type);
  if (v === undefined) {
    const def = definitionOf(type);
    if (!def) return undefined;
    v = validators[`body_${definitionKey(def)}`];
    if (!v) throw new Error(`no compiled validator for ${type}: run npm run ledger:entries`);
    bodyValidators.set(type, v);
  }
  return v;
}

/**
 * Checks an entry as its leaf commits to it (the parsed canonical JSON: seq, type, occurredAt,
 * recordedAt, body) against the schema of its type and version. [] when it conforms.
 */
export function checkEntry(entry: unknown): EntryProblem[] {
  const envelope = validators.envelope;
  const found = envelope(entry) ? [] : problems(envelope.errors, '', null);
  const { type, body } = (entry ?? {}) as { type?: unknown; body?: unknown };
  // A wrong date does not hide a wrong body: every wrong field is named at once.
  if (typeof type === 'string' && body !== null && typeof body === 'object' && !Array.isArray(body)) found.push(...checkEntryBody(type, body));
  return found;
}

/** Checks the body of an entry of `type`; fields are named from the entry (`/body/…`). */
export function checkEntryBody(type: string, body: unknown): EntryProblem[] {
  const validate = bodyValidator(type);
  if (!validate) return [{ field: '/type', problem: `"${printable(type)}" is not an entry type of this log` }];
  return validate(body) ? [] : problems(validate.errors, '/body', type);
}

/** "/body/wamid must be string; /body/to is required". */
export function describeProblems(found: readonly EntryProblem[]): string {
  return found.map((p) => `${p.field || '/'} ${p.problem}`).join('; ');
}

function problems(errors: AjvError[] | null | undefined, prefix: string, type: string | null): EntryProblem[] {
  const out: EntryProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    const p = problem(e, type);
    if (!p) continue;
    const field = prefix + e.instancePath + (p.child === undefined ? '' : `/${escapePointer(p.child)}`);
    const key = `${field}\n${p.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, problem: p.text });
  }
  return out.length > 0 ? out : [{ field: prefix, problem: 'does not match its schema' }];
}

function problem(e: AjvError, type: string | null): { child?: string; text: string } | null {
  const p = e.params;
  switch (e.keyword) {
    case 'type':
      return { text: `must be ${String(p.type).split(',').join(' or ')}` };
    case 'required':
      return { child: String(p.missingProperty), text: 'is required' };
    case 'dependentRequired':
      return { child: String(p.missingProperty), text: `is required with ${String(p.property)}` };
    case 'additionalProperties':
      return { child: String(p.additionalProperty), text: `is not a field of ${type ?? 'an entry'}` };
    case 'false schema':
      return { text: 'must be absent here' };
    case 'enum':
      return { text: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { text: `must be ${JSON.stringify(p.allowedValue)}` };
    case 'pattern':
      return { text: `must be ${patternName(String(p.pattern))}` };
    case 'minimum':
      return { text: `must be ${String(p.comparison)} ${String(p.limit)}` };
    case 'minLength':
      return { text: 'must not be empty' };
    case 'if':
      return null; // the failing branch reports the field itself
    default:
      return { text: `breaks the schema's ${e.keyword} rule` };
  }
}

function patternName(pattern: string): string {
  if (pattern.startsWith('^[0-9a-f]{8}-')) return 'a UUID (lower case)';
  if (pattern.startsWith('^\\+[1-9]')) return 'an E.164 phone number';
  if (pattern.startsWith('^(?:\\+[1-9]')) return 'an E.164 phone number or a business-scoped user id';
  if (pattern.startsWith('^(?:[0-9]{4}')) return 'a UTC date-time with milliseconds (Date.toISOString)';
  if (pattern === '^[0-9a-f]{64}$') return '64 lower-case hex digits';
  return `text matching ${pattern}`;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

// A type name from an untrusted entry goes into a one-line message: short and printable only.
function printable(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}

/**
 * The timeline facts of an entry (see EntryDefinition.facts) when it conforms to its schema;
 * none when it does not: its failed schema check says why.
 */
export function entryFacts(entry: unknown): string[] {
  if (checkEntry(entry).length > 0) return [];
  const { type, body } = entry as { type: string; body: unknown };
  return (definitionOf(type)!.facts as (b: unknown) => string[])(body);
}
