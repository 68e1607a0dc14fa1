/*
 * Checks a binding before it is stored. 400 when the body is malformed (wrong shape, unknown
 * fields, a slot or variable name that cannot exist); 422 when it is well formed but does not fit
 * the catalog or the event type — each error names the exact mismatch, so whoever configures
 * Passweb can fix it without guessing. Semantic checks run only on a well-formed body.
 */
import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
  validateSync,
  type ValidationError,
} from 'class-validator';
import {
  EVENT_VARIABLE_NAMES,
  EVENT_VARIABLES,
  flattenValidationErrors,
  isPasswebEventType,
  PASSWEB_EVENT_TYPES,
  type EventVariableName,
} from '#sigillo/passweb';
import { MAX_MAPPED_VARIABLES, type Binding } from './binding.js';
import { parameterFormatOf, templateSlots, type PlaceholderSlot, type Template } from '#sigillo/whatsapp';

export interface BindingFieldError {
  field: string;
  message: string;
}

export type BindingValidation = { ok: true; binding: Binding } | { ok: false; status: 400 | 422; errors: BindingFieldError[] };

export interface BindingValidationContext {
  /** The event type being bound (from the URL). */
  eventType: string;
  findTemplate(name: string, language: string): Template | null;
}

const MAX_TEMPLATES = 20;
const MAX_LIST = 50;
const URL_MAX = 2000;
/** Meta's template names: lowercase letters, digits and underscores, at most 512. */
const TEMPLATE_NAME = /^[a-z0-9_]{1,512}$/;
const LANGUAGE_CODE = /^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$/;
// A placeholder as a positional template numbers it or a named one names it (Meta's rule for names).
const PLACEHOLDER = '([1-9]\\d*|[a-z_][a-z0-9_]{0,99})';
const SLOT = new RegExp(`^(header\\.${PLACEHOLDER}|body\\.${PLACEHOLDER}|button\\.\\d+\\.${PLACEHOLDER})$`);
const MEDIA_FORMATS = ['IMAGE', 'VIDEO', 'DOCUMENT'];
const FILLABLE_BUTTONS = ['URL', 'QUICK_REPLY', 'COPY_CODE'];

class TemplateChoiceDto {
  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be a template name: lowercase letters, digits and "_"' })
  @Matches(TEMPLATE_NAME, { message: 'must be a template name: lowercase letters, digits and "_"' })
  name: string;

  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be a language code like "it" or "en_US"' })
  @Matches(LANGUAGE_CODE, { message: 'must be a language code like "it" or "en_US"' })
  language: string;
}

class ConditionDto {
  @IsOptional()
  @IsArray({ message: 'must be a non-empty array of statuses' })
  @ArrayNotEmpty({ message: 'must be a non-empty array of statuses' })
  @ArrayMaxSize(MAX_LIST, { message: `must list at most ${MAX_LIST} statuses` })
  @IsString({ each: true, message: 'must hold strings of 1–1000 characters' })
  @Length(1, 1000, { each: true, message: 'must hold strings of 1–1000 characters' })
  newStatus?: string[];
}

class MediaDto {
  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be an absolute http(s) URL' })
  @MaxLength(URL_MAX, { message: `must be at most ${URL_MAX} characters` })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'must be an absolute http(s) URL' })
  link: string;

  @IsOptional()
  @IsString({ message: 'must be a file name of 1–240 characters' })
  @Length(1, 240, { message: 'must be a file name of 1–240 characters' })
  filename?: string;
}

class BindingDto {
  /** Optional in the body: the URL names the event type; if repeated here, it must agree. */
  @IsOptional()
  @IsString({ message: 'must be an event type' })
  eventType?: string;

  @IsDefined({ message: 'is required' })
  @IsArray({ message: 'must be a non-empty array of { name, language }' })
  @ArrayNotEmpty({ message: 'must be a non-empty array of { name, language }' })
  @ArrayMaxSize(MAX_TEMPLATES, { message: `must list at most ${MAX_TEMPLATES} templates` })
  @ValidateNested({ each: true })
  @Type(() => TemplateChoiceDto)
  templates: TemplateChoiceDto[];

  /** Its keys are placeholder slots, checked by hand below. */
  @IsDefined({ message: 'is required (an object of placeholder slot → event variable)' })
  @IsObject({ message: 'must be an object of placeholder slot → event variable' })
  variables: Record<string, unknown>;

  @IsOptional()
  @IsObject({ message: 'must be an object like { "newStatus": ["shipped"] }' })
  @ValidateNested()
  @Type(() => ConditionDto)
  condition?: ConditionDto;

  @IsOptional()
  @IsArray({ message: 'must be a non-empty array of group names' })
  @ArrayNotEmpty({ message: 'must be a non-empty array of group names' })
  @ArrayMaxSize(MAX_LIST, { message: `must list at most ${MAX_LIST} groups` })
  @IsString({ each: true, message: 'must hold strings of 1–128 characters' })
  @Length(1, 128, { each: true, message: 'must hold strings of 1–128 characters' })
  userGroups?: string[];

  @IsOptional()
  @IsObject({ message: 'must be an object like { "link": "https://…" }' })
  @ValidateNested()
  @Type(() => MediaDto)
  media?: MediaDto;
}

export function validateBinding(input: unknown, ctx: BindingValidationContext): BindingValidation {
  const eventType = ctx.eventType;
  if (!isPasswebEventType(eventType)) {
    return malformed([{ field: 'eventType', message: `is not a known event type; valid types: ${PASSWEB_EVENT_TYPES.join(', ')}` }]);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return malformed([{ field: 'body', message: 'must be a JSON object' }]);
  }

  const dto = plainToInstance(BindingDto, input, { enableImplicitConversion: false });
  const shape = [
    ...(Object.hasOwn(input, '__proto__') ? [{ field: '__proto__', message: 'is not a known field' }] : []),
    ...flatten(validateSync(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false })),
  ];
  if (dto.eventType !== undefined && dto.eventType !== eventType) {
    shape.push({ field: 'eventType', message: `must be ${eventType}, the event type being bound` });
  }
  const variables = isPlainObject(dto.variables) ? checkVariableShapes(dto.variables) : null;
  if (variables === null || !variables.ok) shape.push(...(variables?.errors ?? []));
  if (shape.length > 0 || variables === null || !variables.ok) return malformed(shape);

  const binding: Binding = {
    eventType,
    templates: dto.templates.map(({ name, language }) => ({ name, language })),
    variables: variables.mapping,
    ...(dto.condition?.newStatus ? { condition: { newStatus: [...dto.condition.newStatus] } } : {}),
    ...(dto.userGroups ? { userGroups: [...dto.userGroups] } : {}),
    ...(dto.media ? { media: { link: dto.media.link, ...(dto.media.filename ? { filename: dto.media.filename } : {}) } } : {}),
  };
  const mismatches = [...checkEventFit(binding), ...checkTemplates(binding, ctx)];
  if (mismatches.length > 0) return { ok: false, status: 422, errors: mismatches };
  return { ok: true, binding };
}

function malformed(errors: BindingFieldError[]): BindingValidation {
  return { ok: false, status: 400, errors };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type VariableShapes = { ok: true; mapping: Binding['variables'] } | { ok: false; errors: BindingFieldError[] };

function checkVariableShapes(raw: Record<string, unknown>): VariableShapes {
  const errors: BindingFieldError[] = [];
  const mapping: Binding['variables'] = {};
  for (const [slot, variable] of Object.entries(raw)) {
    const field = `variables.${slot}`;
    if (!SLOT.test(slot)) {
      errors.push({
        field,
        message:
          'is not a placeholder slot: use header.N, body.N or button.I.N (N from 1) for a positional template, header.name, body.name or button.I.name for a named one',
      });
    } else if (typeof variable !== 'string' || !(EVENT_VARIABLE_NAMES as readonly string[]).includes(variable)) {
      errors.push({ field, message: `must name a Passweb variable: ${EVENT_VARIABLE_NAMES.join(', ')}` });
    } else {
      mapping[slot as PlaceholderSlot] = variable as EventVariableName;
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, mapping };
}

/** What the event type itself allows, whatever the templates. */
function checkEventFit(binding: Binding): BindingFieldError[] {
  const errors: BindingFieldError[] = [];
  const available = EVENT_VARIABLES[binding.eventType];
  const mapped = Object.entries(binding.variables) as [PlaceholderSlot, EventVariableName][];
  // Passweb's limit is on the variables a template uses; one variable may fill several slots
  // (an order code in the header and in the button URL).
  const distinct = new Set(mapped.map(([, variable]) => variable)).size;
  if (distinct > MAX_MAPPED_VARIABLES) {
    errors.push({ field: 'variables', message: `maps ${distinct} variables; at most ${MAX_MAPPED_VARIABLES} may be mapped` });
  }
  for (const [slot, variable] of mapped) {
    if (!available.includes(variable)) {
      errors.push({ field: `variables.${slot}`, message: `data variable ${variable} is not available for ${binding.eventType}` });
    }
  }
  if (binding.condition?.newStatus && !available.includes('newStatus')) {
    errors.push({ field: 'condition.newStatus', message: `${binding.eventType} events carry no newStatus to match` });
  }
  return errors;
}

/** Every bound template must exist, be approved, and have exactly the mapped placeholders. */
function checkTemplates(binding: Binding, ctx: BindingValidationContext): BindingFieldError[] {
  const errors: BindingFieldError[] = [];
  const seenLanguages = new Map<string, number>();
  const mappedSlots = Object.keys(binding.variables) as PlaceholderSlot[];
  let hasMediaHeader = false;
  let allFound = true;

  binding.templates.forEach(({ name, language }, i) => {
    const at = `templates.${i}`;
    const label = `${name}/${language}`;
    const languageKey = language.replace(/-/g, '_').toLowerCase();
    const first = seenLanguages.get(languageKey);
    if (first !== undefined) {
      errors.push({ field: `${at}.language`, message: `language ${language} already has a template (templates.${first}); bind one template per language` });
    } else {
      seenLanguages.set(languageKey, i);
    }

    const template = ctx.findTemplate(name, language);
    if (template === null) {
      errors.push({ field: at, message: `template ${label} does not exist in the catalog` });
      allFound = false;
      return;
    }
    if (template.status !== 'APPROVED') {
      errors.push({ field: at, message: `template ${label} is ${template.status}; only APPROVED templates can be bound` });
    }

    const slots = templateSlots(template);
    for (const slot of slots) {
      if (binding.variables[slot] === undefined) errors.push({ field: `variables.${slot}`, message: `${slot} of ${label} is not mapped` });
    }
    const format = parameterFormatOf(template);
    for (const slot of mappedSlots) {
      if (slots.includes(slot)) continue;
      // The commonest mistake with WhatsApp Manager's templates: numbering placeholders that have names, or the reverse.
      const slotIsPositional = /\.\d+$/.test(slot);
      const otherFormat = slotIsPositional === (format === 'NAMED');
      const hint = otherFormat ? ` (its placeholders are ${format === 'NAMED' ? 'named' : 'numbered'}: ${slots.join(', ') || 'none'})` : '';
      errors.push({ field: `variables.${slot}`, message: `${label} has no placeholder ${slot}${hint}` });
    }

    const header = template.components.header;
    if (header?.format === 'LOCATION') {
      errors.push({ field: at, message: `${label} has a LOCATION header, which no Passweb event can fill` });
    } else if (header && MEDIA_FORMATS.includes(header.format)) {
      hasMediaHeader = true;
      if (!binding.media?.link) errors.push({ field: 'media.link', message: `${label} has a media header (${header.format}): media.link is required` });
    }
    for (const button of template.components.buttons) {
      if (button.placeholders.length > 0 && !FILLABLE_BUTTONS.includes(button.type)) {
        errors.push({ field: at, message: `button ${button.index} (${button.type}) of ${label} has a placeholder, which no Passweb event can fill` });
      }
    }
  });

  if (binding.media && !hasMediaHeader && allFound) {
    errors.push({ field: 'media', message: 'is set, but no bound template has an IMAGE, VIDEO or DOCUMENT header' });
  }
  return errors;
}

// When a field breaks several rules, the first of these is the one worth reading.
const CONSTRAINT_ORDER = ['whitelistValidation', 'isDefined', 'isObject', 'isArray', 'arrayNotEmpty', 'isString'];

const MESSAGES: Record<string, string> = {
  whitelistValidation: 'is not a known field',
  nestedValidation: 'must be an object',
};

function flatten(errors: ValidationError[]): BindingFieldError[] {
  return flattenValidationErrors(errors, { order: CONSTRAINT_ORDER, message: (constraint) => MESSAGES[constraint] });
}
