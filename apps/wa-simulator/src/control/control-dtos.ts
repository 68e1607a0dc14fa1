import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, type TemplateCategory, type TemplateStatus } from '#sigillo/whatsapp';
import { TEMPLATE_QUALITY_SCORES, type TemplateQualityScore } from '../templates/meta-template.js';
import { INBOUND_KINDS, type InboundKind } from '../webhooks/inbound-messages.js';

const TEXT_KINDS: ReadonlySet<string> = new Set(['text', 'button', 'button_reply', 'list_reply']);

const WA_ID = /^[1-9]\d{6,14}$/;
const WA_ID_MESSAGE = 'must be a WhatsApp number in digits with country code';
// Present means validated (null included): only the fields listed as nullable take null.
const given = (_: object, value: unknown) => value !== undefined;

export class FailureModesDto {
  @ValidateIf(given)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  failureRate?: number;

  @ValidateIf(given)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  transientErrorRate?: number;

  /** null clears it. */
  @IsOptional()
  @IsInt()
  @Min(1)
  permanentErrorCode?: number | null;

  /** How many of the next sends get it; null (or left out with a new code) means all. */
  @IsOptional()
  @IsInt()
  @Min(1)
  permanentErrorCount?: number | null;

  @ValidateIf(given)
  @IsBoolean()
  duplicateWebhooks?: boolean;

  @ValidateIf(given)
  @IsBoolean()
  outOfOrder?: boolean;

  @ValidateIf(given)
  @IsInt()
  @Min(1)
  @Max(100000)
  throughputPerSecond?: number;

  /** [sent, delivered, read] delays in ms after the send. */
  @ValidateIf(given)
  @IsArray()
  @ArrayMinSize(3)
  @ArrayMaxSize(3)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(600000, { each: true })
  statusDelaysMs?: [number, number, number];

  @ValidateIf(given)
  @IsInt()
  @Min(0)
  @Max(60000)
  sendLatencyMs?: number;

  @ValidateIf(given)
  @IsInt()
  @Min(0)
  @Max(3600000)
  statusWebhookDelayMs?: number;

  @ValidateIf(given)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  statusWebhookDropRate?: number;
}

export class InboundDto {
  @Matches(WA_ID, { message: `from ${WA_ID_MESSAGE}` })
  from: string;

  /** text (default), button, button_reply, list_reply, reaction, image, unsupported or system. */
  @IsOptional()
  @IsIn(INBOUND_KINDS)
  type?: InboundKind;

  /** Required for text, button, button_reply and list_reply; an image's caption; unused otherwise. */
  @ValidateIf((o: InboundDto) => o.text !== undefined || TEXT_KINDS.has(o.type ?? 'text'))
  @IsString()
  @Length(1, 4096)
  text?: string;

  /** reaction: the emoji; left out, the reaction is removed. */
  @IsOptional()
  @IsString()
  @Length(1, 16)
  emoji?: string;

  /** The business message (a wamid) replied or reacted to; required for a reaction. */
  @ValidateIf((o: InboundDto) => o.replyTo !== undefined || o.type === 'reaction')
  @IsString()
  @Length(1, 256)
  replyTo?: string;

  /** The user's business-scoped user id (e.g. IT.1502576394655843), added beside the number. */
  @IsOptional()
  @Matches(/^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/, { message: 'userId must be a business-scoped user id such as IT.1502576394655843' })
  userId?: string;

  /** A user who adopted a username: the webhook names them by userId only (requires userId). */
  @ValidateIf((o: InboundDto) => o.hidePhone !== undefined)
  @IsBoolean()
  hidePhone?: boolean;

  /** system: the user's new number (one of newNumber and newUserId). */
  @ValidateIf((o: InboundDto) => o.newNumber !== undefined || (o.type === 'system' && o.newUserId === undefined))
  @Matches(WA_ID, { message: `newNumber ${WA_ID_MESSAGE}` })
  newNumber?: string;

  /** system: the user's new business-scoped user id (user_changed_user_id); userId names the previous one. */
  @ValidateIf((o: InboundDto) => o.newUserId !== undefined)
  @Matches(/^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/, { message: 'newUserId must be a business-scoped user id such as IT.1502576394655843' })
  newUserId?: string;

  /** Unix seconds; now when left out. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  timestamp?: number;

  /** The sender's WhatsApp profile name. */
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;
}

export class TemplateStatusDto {
  @IsIn(TEMPLATE_STATUSES)
  status: TemplateStatus;

  /** Meta's reason (REJECTED: INVALID_FORMAT, SCAM…); NONE when left out. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z_]{1,64}$/, { message: 'reason must be an upper-case Meta reason such as INVALID_FORMAT' })
  reason?: string;

  /** Meta's webhook event when it is not the status: REINSTATED (APPROVED again), FLAGGED… */
  @IsOptional()
  @Matches(/^[A-Z_]{1,64}$/, { message: 'event must be an upper-case Meta event such as REINSTATED' })
  event?: string;

  /** A pause's other_info.title: FIRST_PAUSE (default), SECOND_PAUSE or RATE_LIMITING_PAUSE. */
  @IsOptional()
  @IsIn(['FIRST_PAUSE', 'SECOND_PAUSE', 'RATE_LIMITING_PAUSE'])
  pauseTitle?: string;

  /** The entry's time, unix seconds; now when left out. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  time?: number;
}

export class TemplateQualityDto {
  @IsIn(TEMPLATE_QUALITY_SCORES)
  score: TemplateQualityScore;

  /** The entry's time, unix seconds; now when left out. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  time?: number;
}

/** An app- or account-level error Meta reports in a `messages` webhook (`value.errors`), tied to no message. */
export class AccountErrorDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  code: number;
}

export class TemplateCategoryDto {
  @IsIn(TEMPLATE_CATEGORIES)
  category: TemplateCategory;

  /** Announce the change (correct_category, category_update_timestamp) instead of making it. */
  @IsOptional()
  @IsBoolean()
  impending?: boolean;

  /** Impending only: when it takes effect, unix seconds; 24 hours on by default. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  effectiveAt?: number;

  /** The entry's time, unix seconds; now when left out. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  time?: number;
}

export class UserPreferenceDto {
  @Matches(WA_ID, { message: `wa_id ${WA_ID_MESSAGE}` })
  wa_id: string;

  @IsIn(['stop', 'resume'])
  preference: 'stop' | 'resume';

  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  /** The user's business-scoped user id, beside wa_id. */
  @IsOptional()
  @Matches(/^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/, { message: 'user_id must be a business-scoped user id such as IT.1502576394655843' })
  user_id?: string;

  /** A username user: the webhook names them by user_id only (requires user_id). */
  @IsOptional()
  @IsBoolean()
  hide_phone?: boolean;
}

export class WebhookUrlDto {
  /** null: record webhooks without POSTing them. */
  @ValidateIf((_: object, value: unknown) => value !== null)
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'url must be an http(s):// URL or null' })
  url: string | null;
}
