/*
 * The body of `POST /v1/events`, validated with one DTO per event type so that `data` accepts
 * exactly the variables that type carries (EVENT_VARIABLES). Value formats chosen here:
 * - money (orderTotal, cartTotal) is a decimal string such as "129.90" (or "129,90"): JSON numbers
 *   drop trailing zeros, and the value reaches the customer exactly as Passweb wrote it;
 * - counts (itemCount, cartItemCount) are JSON integers;
 * - activityDate is any ISO 8601 date or date-time, shown as given;
 * - siteUrl is an absolute http(s) URL.
 * Error messages name the field and the rule, never the value: they are logged and returned to
 * Passweb, and values include phone numbers and names.
 */
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import {
  EVENT_VARIABLE_NAMES,
  EVENT_VARIABLES,
  isPasswebEventType,
  PASSWEB_EVENT_TYPES,
  type EventVariableName,
  type PasswebEventType,
} from './event-types.js';
import { normalizePhone, type CountryCode } from './phone.js';
import { flattenValidationErrors, type FieldError } from './validation-errors.js';

// A WhatsApp business-scoped user id, as Meta writes it (country code, dot, ENT. for a parent id, alphanumerics).
const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

/** The variables of one event, as Passweb filled them: only the ones it sent. */
export type EventData = Partial<Record<EventVariableName, string | number>>;

export interface EventRecipient {
  userId: string;
  /**
   * E.164, e.g. `+393331234567`, or the business-scoped user id (BSUID, `IT.1502576394655843`) of a
   * WhatsApp user who adopted a username and whose number the tenant does not know: sent by `recipient`.
   */
  phone: string;
  name?: string;
  /** As Passweb sent it (`it`, `en_US`, `en-us`); the policy matches it to template languages. */
  language?: string;
  groups: string[];
  /** Passweb's "Opt Out WhatsApp" flag. */
  whatsappOptOut: boolean;
}

/** A validated event, in plain values. */
export interface PasswebEvent {
  id: string;
  type: PasswebEventType;
  occurredAt: Date;
  recipient: EventRecipient;
  data: EventData;
  createdByAgent: boolean;
}

export type { FieldError };

export type EventValidation = { ok: true; event: PasswebEvent } | { ok: false; status: 400; errors: FieldError[]; validTypes?: string[] };

export interface EventValidationOptions {
  /** The country of national (non-`+`) phone numbers. */
  defaultCountry: CountryCode;
  /** The clock `occurredAt` is compared with. */
  now?: Date;
}

const TEXT_MAX = 1000;
const MESSAGE_TEXT_MAX = 4096;
const URL_MAX = 2000;
const MAX_COUNT = 1_000_000;
const MAX_GROUPS = 50;
/** Passweb's clock may run ahead of ours; a day further is a bug on its side, not skew. */
export const MAX_FUTURE_SKEW_MS = 24 * 60 * 60 * 1000;

const PRINTABLE_ID = /^[\x21-\x7e]{1,128}$/;
const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const LANGUAGE_CODE = /^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$/;
const DECIMAL_AMOUNT = /^\d{1,13}([.,]\d{1,4})?$/;

function all(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
}

const optionalText = (max = TEXT_MAX) =>
  all(IsOptional(), IsString({ message: `must be a string of 1–${max} characters` }), Length(1, max, { message: `must be 1–${max} characters long` }));
const optionalMoney = () =>
  all(
    IsOptional(),
    IsString({ message: 'must be a decimal amount written as a string, like "129.90"' }),
    Matches(DECIMAL_AMOUNT, { message: 'must be a decimal amount written as a string, like "129.90"' }),
  );
const optionalCount = () =>
  all(
    IsOptional(),
    IsInt({ message: 'must be an integer' }),
    Min(0, { message: 'must not be negative' }),
    Max(MAX_COUNT, { message: `must be at most ${MAX_COUNT}` }),
  );
const optionalDate = () =>
  all(
    IsOptional(),
    IsString({ message: 'must be an ISO 8601 date or date-time string' }),
    IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date or date-time, like 2025-07-01 or 2025-07-01T09:30:00+02:00' }),
  );
const optionalUrl = () =>
  all(
    IsOptional(),
    IsString({ message: 'must be an http(s) URL' }),
    MaxLength(URL_MAX, { message: `must be at most ${URL_MAX} characters` }),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'must be an absolute http(s) URL' }),
  );

class PersonData {
  @optionalText() firstName?: string;
  @optionalText() lastName?: string;
  @optionalText() fullName?: string;
  @optionalUrl() siteUrl?: string;
}

export class OrderStatusChangedData extends PersonData {
  @optionalText() documentCode?: string;
  @optionalText() documentStatus?: string;
  @optionalMoney() orderTotal?: string;
  @optionalCount() itemCount?: number;
  @optionalText() newStatus?: string;
  @optionalText() oldStatus?: string;
}

export class CartAbandonedData extends PersonData {
  @optionalMoney() cartTotal?: string;
  @optionalCount() cartItemCount?: number;
}

class MessageData extends PersonData {
  @optionalText() messageSubject?: string;
  @optionalText(MESSAGE_TEXT_MAX) messageText?: string;
}
export class MessageSentData extends MessageData {}
export class MessageReadData extends MessageData {}

class ActivityData extends PersonData {
  @optionalDate() activityDate?: string;
  @optionalText() activitySubject?: string;
}
export class ActivityStatusChangedData extends ActivityData {
  @optionalText() newStatus?: string;
  @optionalText() oldStatus?: string;
}
export class ActivityAcknowledgedData extends ActivityData {}
export class ActivityReminderData extends ActivityData {}

class FileData extends PersonData {
  @optionalText() folderName?: string;
  @optionalText() fileName?: string;
}
export class FileUploadedData extends FileData {}
export class FileDownloadedData extends FileData {}
export class FilePreviewedData extends FileData {}

/** The `data` DTO of each event type; its properties are exactly EVENT_VARIABLES[type]. */
export const EVENT_DATA_DTOS: Record<PasswebEventType, new () => PersonData> = {
  'order.status_changed': OrderStatusChangedData,
  'cart.abandoned': CartAbandonedData,
  'message.sent': MessageSentData,
  'message.read': MessageReadData,
  'activity.status_changed': ActivityStatusChangedData,
  'activity.acknowledged': ActivityAcknowledgedData,
  'activity.reminder': ActivityReminderData,
  'file.uploaded': FileUploadedData,
  'file.downloaded': FileDownloadedData,
  'file.previewed': FilePreviewedData,
};

export class RecipientDto {
  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be a string of 1–128 characters' })
  @Length(1, 128, { message: 'must be 1–128 characters long' })
  userId: string;

  /** Checked here only as text; normalizePhone decides whether it is a number. */
  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be a string' })
  phone: string;

  @optionalText(200) name?: string;

  @IsOptional()
  @IsString({ message: 'must be a language code like "it" or "en_US"' })
  @Matches(LANGUAGE_CODE, { message: 'must be a language code like "it" or "en_US"' })
  language?: string;

  @IsOptional()
  @IsArray({ message: `must be an array of at most ${MAX_GROUPS} group names` })
  @ArrayMaxSize(MAX_GROUPS, { message: `must list at most ${MAX_GROUPS} groups` })
  @IsString({ each: true, message: 'must hold strings of 1–128 characters' })
  @Length(1, 128, { each: true, message: 'must hold strings of 1–128 characters' })
  groups?: string[];

  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  whatsappOptOut?: boolean;
}

export abstract class EventEnvelopeDto {
  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be 1–128 printable ASCII characters without spaces' })
  @Matches(PRINTABLE_ID, { message: 'must be 1–128 printable ASCII characters without spaces' })
  id: string;

  @IsIn(PASSWEB_EVENT_TYPES)
  type: PasswebEventType;

  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be an ISO 8601 date-time with a time zone, like 2025-07-01T09:30:00Z' })
  @Matches(DATE_TIME_WITH_ZONE, { message: 'must be an ISO 8601 date-time with a time zone, like 2025-07-01T09:30:00Z' })
  @IsISO8601({ strict: true }, { message: 'is not a real date and time' })
  occurredAt: string;

  @IsDefined({ message: 'is required' })
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => RecipientDto)
  recipient: RecipientDto;

  @IsOptional()
  @IsBoolean({ message: 'must be true or false' })
  createdByAgent?: boolean;

  abstract data: PersonData;
}

function eventBodyDto(dataDto: new () => PersonData): new () => EventEnvelopeDto {
  class EventBodyDto extends EventEnvelopeDto {
    @IsDefined({ message: 'is required (an object of the event variables, possibly empty)' })
    @IsObject({ message: 'must be an object of the event variables' })
    @ValidateNested()
    @Type(() => dataDto)
    data: PersonData;
  }
  return EventBodyDto;
}

const EVENT_BODY_DTOS = Object.fromEntries(PASSWEB_EVENT_TYPES.map((type) => [type, eventBodyDto(EVENT_DATA_DTOS[type])])) as Record<
  PasswebEventType,
  new () => EventEnvelopeDto
>;

/**
 * Validates a `POST /v1/events` body: every offending field is reported with its dotted path, and
 * the phone number comes out in E.164. Writes nothing and throws nothing.
 */
export function validateEventBody(body: unknown, opts: EventValidationOptions): EventValidation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid([{ field: 'body', message: 'must be a JSON object' }]);
  }
  const type = (body as Record<string, unknown>).type;
  if (!isPasswebEventType(type)) {
    return {
      ok: false,
      status: 400,
      errors: [
        { field: 'type', message: `${type === undefined ? 'is required' : 'is not a known event type'}; valid types: ${PASSWEB_EVENT_TYPES.join(', ')}` },
      ],
      validTypes: [...PASSWEB_EVENT_TYPES],
    };
  }

  const dto = plainToInstance(EVENT_BODY_DTOS[type], body, { enableImplicitConversion: false });
  const errors = [...prototypeKeys(body), ...flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false }), type)];
  const failed = new Set(errors.map((e) => e.field));

  if (!failed.has('occurredAt')) {
    const now = opts.now ?? new Date();
    if (Date.parse(dto.occurredAt) - now.getTime() > MAX_FUTURE_SKEW_MS) {
      errors.push({ field: 'occurredAt', message: 'is more than a day in the future' });
    }
  }
  let phone: string | undefined;
  if (!failed.has('recipient') && !failed.has('recipient.phone')) {
    const normalized = BSUID.test(dto.recipient.phone)
      ? { ok: true as const, e164: dto.recipient.phone }
      : normalizePhone(dto.recipient.phone, opts.defaultCountry);
    if (normalized.ok) phone = normalized.e164;
    else errors.push({ field: 'recipient.phone', message: normalized.reason });
  }
  if (errors.length > 0 || phone === undefined) return invalid(errors);

  return { ok: true, event: toEvent(dto, type, phone) };
}

// JSON.parse keeps a "__proto__" key as an own property, but class-transformer drops it silently.
function prototypeKeys(body: object): FieldError[] {
  const nested = body as Record<string, unknown>;
  const places: [unknown, string][] = [
    [body, ''],
    [nested.recipient, 'recipient.'],
    [nested.data, 'data.'],
  ];
  return places
    .filter(([value]) => typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__'))
    .map(([, prefix]) => ({ field: `${prefix}__proto__`, message: 'is not a known field' }));
}

function invalid(errors: FieldError[]): EventValidation {
  return { ok: false, status: 400, errors };
}

function toEvent(dto: EventEnvelopeDto, type: PasswebEventType, phone: string): PasswebEvent {
  const { recipient } = dto;
  const data: EventData = {};
  const source = dto.data as Record<string, unknown>;
  for (const name of EVENT_VARIABLES[type]) {
    const value = source[name];
    if (typeof value === 'string' || typeof value === 'number') data[name] = value;
  }
  return {
    id: dto.id,
    type,
    occurredAt: new Date(dto.occurredAt),
    recipient: {
      userId: recipient.userId,
      phone,
      ...(typeof recipient.name === 'string' ? { name: recipient.name } : {}),
      ...(typeof recipient.language === 'string' ? { language: recipient.language } : {}),
      groups: recipient.groups ?? [],
      whatsappOptOut: recipient.whatsappOptOut ?? false,
    },
    data,
    createdByAgent: dto.createdByAgent ?? false,
  };
}

// When a field breaks several rules, the first of these is the one worth reading.
const CONSTRAINT_ORDER = ['whitelistValidation', 'isDefined', 'isObject', 'isArray', 'isString', 'isBoolean', 'isInt'];

function flatten(errors: ValidationError[], type: PasswebEventType): FieldError[] {
  return flattenValidationErrors(errors, { order: CONSTRAINT_ORDER, message: (constraint, message, field) => messageFor(constraint, message, field, type) });
}

function messageFor(constraint: string, message: string, field: string, type: PasswebEventType): string {
  if (constraint !== 'whitelistValidation') return message;
  if (!field.startsWith('data.')) return 'is not a known field';
  const name = field.slice('data.'.length);
  return (EVENT_VARIABLE_NAMES as readonly string[]).includes(name)
    ? `is not a variable of ${type} (its variables: ${EVENT_VARIABLES[type].join(', ')})`
    : `is not a known variable (variables of ${type}: ${EVENT_VARIABLES[type].join(', ')})`;
}
