/*
 * The body of `POST /v1/consents`. The subject is given either by phone or by Passweb user id
 * (then the phone comes from that user's latest event, which only the service can look up).
 * Evidence is a small flat object of strings: enough for a form name, the text version shown, the
 * channel, a hashed IP, and bounded so it cannot grow the ledger without limit. Error messages
 * name the field and the rule, never the value: they are logged and returned to Passweb, and the
 * values include phone numbers.
 */
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsDefined, IsIn, IsISO8601, IsObject, IsOptional, IsString, Length, Matches, validateSync, type ValidationError } from 'class-validator';
import { isIP } from 'node:net';
import { flattenValidationErrors, MAX_FUTURE_SKEW_MS, type FieldError, normalizeWhatsAppUser, type CountryCode } from '#sigillo/passweb';
import { CONSENT_CATEGORIES, type ConsentAction, type ConsentCategory } from './consent.js';

export const CONSENT_ACTIONS: readonly ConsentAction[] = ['opt_in', 'opt_out'];
export const MAX_EVIDENCE_KEYS = 20;
export const MAX_EVIDENCE_VALUE = 1000;
export const MAX_SOURCE = 100;
/** Consent as Sigillo records it did not exist before; an earlier date is a client's bug. */
export const EARLIEST_OCCURRED_AT = new Date('2000-01-01T00:00:00Z');

const PRINTABLE_ID = /^[\x21-\x7e]{1,128}$/;
const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const EVIDENCE_KEY = /^[A-Za-z0-9_.-]{1,64}$/;

/** Who the change is about: a number, or a Passweb user whose number the service resolves. */
export type ConsentSubject = { phone: string } | { userId: string };

/** A validated body, in plain values. */
export interface ConsentRequest {
  /** The caller's id for this change. */
  id: string;
  subject: ConsentSubject;
  category: ConsentCategory;
  action: ConsentAction;
  source: string;
  evidence: Record<string, string>;
  occurredAt: Date;
}

export type ConsentValidation = { ok: true; consent: ConsentRequest } | { ok: false; status: 400; errors: FieldError[] };

export interface ConsentValidationOptions {
  /** The country of national (non-`+`) phone numbers. */
  defaultCountry: CountryCode;
  /** The clock `occurredAt` is compared with. */
  now?: Date;
}

export class ConsentBodyDto {
  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be 1–128 printable ASCII characters without spaces' })
  @Matches(PRINTABLE_ID, { message: 'must be 1–128 printable ASCII characters without spaces' })
  id: string;

  /** Checked here only as text; normalizeWhatsAppUser decides whether it is a number or a business-scoped user id. */
  @IsOptional()
  @IsString({ message: 'must be a string' })
  phone?: string | null;

  @IsOptional()
  @IsString({ message: 'must be a string of 1–128 characters' })
  @Length(1, 128, { message: 'must be 1–128 characters long' })
  userId?: string | null;

  @IsDefined({ message: 'is required' })
  @IsIn(CONSENT_CATEGORIES, { message: `must be one of: ${CONSENT_CATEGORIES.join(', ')}` })
  category: ConsentCategory;

  @IsDefined({ message: 'is required' })
  @IsIn(CONSENT_ACTIONS, { message: `must be one of: ${CONSENT_ACTIONS.join(', ')}` })
  action: ConsentAction;

  @IsDefined({ message: 'is required' })
  @IsString({ message: `must be a string of 1–${MAX_SOURCE} characters` })
  @Length(1, MAX_SOURCE, { message: `must be 1–${MAX_SOURCE} characters long` })
  source: string;

  /** Its keys and values are checked by evidenceErrors: they are free. */
  @IsDefined({ message: 'is required (an object of strings, possibly empty)' })
  @IsObject({ message: 'must be an object of strings' })
  evidence: Record<string, unknown>;

  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be an ISO 8601 date-time with a time zone, like 2025-07-01T09:30:00Z' })
  @Matches(DATE_TIME_WITH_ZONE, { message: 'must be an ISO 8601 date-time with a time zone, like 2025-07-01T09:30:00Z' })
  @IsISO8601({ strict: true }, { message: 'is not a real date and time' })
  occurredAt: string;
}

/**
 * Validates a `POST /v1/consents` body: every offending field is reported, and a phone comes out
 * in E.164. Writes nothing and throws nothing.
 */
export function validateConsentBody(body: unknown, opts: ConsentValidationOptions): ConsentValidation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid([{ field: 'body', message: 'must be a JSON object' }]);
  }
  const raw = body as Record<string, unknown>;
  const dto = plainToInstance(ConsentBodyDto, raw, { enableImplicitConversion: false });
  const errors = [
    ...(Object.hasOwn(raw, '__proto__') ? [{ field: '__proto__', message: 'is not a known field' }] : []),
    ...flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false })),
  ];
  const failed = new Set(errors.map((e) => e.field));

  if (!failed.has('occurredAt')) errors.push(...occurredAtErrors(Date.parse(dto.occurredAt), opts.now ?? new Date()));

  // The evidence is read from the body itself: class-transformer would drop a "__proto__" key.
  let evidence: Record<string, string> | undefined;
  if (!failed.has('evidence')) {
    const checked = checkEvidence(raw.evidence as Record<string, unknown>);
    if (checked.ok) evidence = checked.evidence;
    else errors.push(...checked.errors);
  }

  const subject = checkSubject(raw, dto, failed, opts.defaultCountry, errors);
  if (errors.length > 0 || subject === undefined || evidence === undefined) return invalid(errors);

  return {
    ok: true,
    consent: { id: dto.id, subject, category: dto.category, action: dto.action, source: dto.source, evidence, occurredAt: new Date(dto.occurredAt) },
  };
}

function invalid(errors: FieldError[]): ConsentValidation {
  return { ok: false, status: 400, errors };
}

const given = (value: unknown) => value !== undefined && value !== null;

/** Exactly one of phone and userId; the phone normalised. Pushes its errors. */
function checkSubject(
  raw: Record<string, unknown>,
  dto: ConsentBodyDto,
  failed: Set<string>,
  country: CountryCode,
  errors: FieldError[],
): ConsentSubject | undefined {
  const hasPhone = given(raw.phone);
  const hasUser = given(raw.userId);
  if (!hasPhone && !hasUser) {
    errors.push({ field: 'phone', message: 'is required unless userId is given (give exactly one of phone and userId)' });
    return undefined;
  }
  if (hasPhone && hasUser) {
    errors.push({ field: 'userId', message: 'must not be given together with phone (give exactly one of phone and userId)' });
    return undefined;
  }
  if (hasUser) return failed.has('userId') ? undefined : { userId: dto.userId! };
  if (failed.has('phone')) return undefined;
  const normalized = normalizeWhatsAppUser(dto.phone!, country);
  if (normalized.ok) return { phone: normalized.e164 };
  errors.push({ field: 'phone', message: normalized.reason });
  return undefined;
}

function occurredAtErrors(at: number, now: Date): FieldError[] {
  if (at - now.getTime() > MAX_FUTURE_SKEW_MS) return [{ field: 'occurredAt', message: 'is more than a day in the future' }];
  if (at < EARLIEST_OCCURRED_AT.getTime()) return [{ field: 'occurredAt', message: `is before ${EARLIEST_OCCURRED_AT.toISOString().slice(0, 10)}` }];
  return [];
}

/**
 * Free keys, bounded: at most MAX_EVIDENCE_KEYS, each a plain identifier, each value a string of
 * at most MAX_EVIDENCE_VALUE characters. `ipHash` must not be the address itself: an IP is
 * personal data the ledger should only ever see hashed.
 */
export function checkEvidence(evidence: Record<string, unknown>): { ok: true; evidence: Record<string, string> } | { ok: false; errors: FieldError[] } {
  const keys = Object.keys(evidence);
  if (keys.length > MAX_EVIDENCE_KEYS) return { ok: false, errors: [{ field: 'evidence', message: `must have at most ${MAX_EVIDENCE_KEYS} keys` }] };
  const errors: FieldError[] = [];
  const out: Record<string, string> = {};
  for (const key of keys) {
    if (key === '__proto__' || !EVIDENCE_KEY.test(key)) {
      // The key itself is not echoed: it is free text from the caller and may be long.
      if (!errors.some((e) => e.field === 'evidence')) {
        errors.push({ field: 'evidence', message: 'keys must be 1–64 letters, digits, "_", "-" or "." (and not "__proto__")' });
      }
      continue;
    }
    const value = evidence[key];
    if (typeof value !== 'string' || value.length > MAX_EVIDENCE_VALUE) {
      errors.push({ field: `evidence.${key}`, message: `must be a string of at most ${MAX_EVIDENCE_VALUE} characters` });
    } else if (key === 'ipHash' && isIP(value.trim()) !== 0) {
      errors.push({ field: 'evidence.ipHash', message: 'must be a hash of the IP address, not the address itself' });
    } else {
      out[key] = value;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, evidence: out };
}

// When a field breaks several rules, the first of these is the one worth reading.
const CONSTRAINT_ORDER = ['whitelistValidation', 'isDefined', 'isObject', 'isString', 'isIn'];

function flatten(errors: ValidationError[]): FieldError[] {
  return flattenValidationErrors(errors, {
    order: CONSTRAINT_ORDER,
    message: (constraint) => (constraint === 'whitelistValidation' ? 'is not a known field' : undefined),
  });
}
