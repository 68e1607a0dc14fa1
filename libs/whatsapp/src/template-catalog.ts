import {
  TEMPLATE_CATEGORIES,
  TEMPLATE_STATUSES,
  type ButtonType,
  type HeaderFormat,
  type ParameterFormat,
  type Placeholder,
  type Template,
  type TemplateButton,
  type TemplateCategory,
  type TemplateComponents,
  type TemplateStatus,
} from './template.js';
import { ProviderError } from './provider-error.js';

/**
 * Reads one item of Meta's `GET /{waba-id}/message_templates` into our Template.
 *
 * A template we could not send correctly is left out rather than guessed at: the catalog sync
 * replaces the tenant's catalog, and a template missing from it is refused with a clear reason,
 * whereas a half-understood one would fail at Meta with a parameter error. Both parameter formats
 * are read: POSITIONAL (`{{1}}`) and NAMED (`{{first_name}}`, filled by `parameter_name`); the
 * format and each component's placeholders are kept. Left out:
 * - a placeholder of the other format (`{{name}}` in a POSITIONAL template, `{{1}}` in a NAMED
 *   body or header) or one Meta would not accept (`{{0}}`, `{{First Name}}`);
 * - unknown statuses, categories, header formats or component types (carousel, limited-time offer…);
 * - anything malformed (missing name, language or body text).
 */
export type MetaTemplateReading = { template: Template; reason: null } | { template: null; reason: string };

export function readMetaTemplate(json: unknown): MetaTemplateReading {
  try {
    return { template: toTemplate(json), reason: null };
  } catch (error) {
    if (error instanceof UnsupportedTemplateError) return { template: null, reason: error.message };
    throw error;
  }
}

/** The template, or null when `readMetaTemplate` gives a reason to leave it out. */
export function parseMetaTemplate(json: unknown): Template | null {
  return readMetaTemplate(json).template;
}

/** Meta sends upper case from the Graph API but lower case in some webhooks. */
export function normaliseCategory(value: unknown): TemplateCategory | null {
  return oneOf(value, TEMPLATE_CATEGORIES);
}

export function normaliseStatus(value: unknown): TemplateStatus | null {
  return oneOf(value, TEMPLATE_STATUSES);
}

// Meta's named parameters: lowercase letters, digits and underscores, not starting with a digit.
const NAMED_PLACEHOLDER = /^[a-z_][a-z0-9_]{0,99}$/;
const POSITIONAL_PLACEHOLDER = /^[1-9]\d{0,2}$/;

/**
 * The placeholders in a text, without repeats: numbers ascending for POSITIONAL, names in order of
 * first appearance for NAMED. Throws UnsupportedTemplateError on a placeholder of the other format
 * or a malformed one (`{{0}}`, `{{First Name}}`).
 */
export function placeholdersIn(text: string, format: 'POSITIONAL'): number[];
export function placeholdersIn(text: string, format: ParameterFormat): Placeholder[];
export function placeholdersIn(text: string): number[];
export function placeholdersIn(text: string, format: ParameterFormat = 'POSITIONAL'): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of text.matchAll(/\{\{([^{}]*)\}\}/g)) {
    const inner = match[1].trim();
    const positional = POSITIONAL_PLACEHOLDER.test(inner);
    const named = NAMED_PLACEHOLDER.test(inner);
    if (format === 'POSITIONAL' && !positional) {
      throw new UnsupportedTemplateError(named ? `named parameter {{${inner}}} in a POSITIONAL template` : `bad placeholder {{${match[1]}}}`);
    }
    if (format === 'NAMED' && !named) {
      throw new UnsupportedTemplateError(positional ? `positional parameter {{${inner}}} in a NAMED template` : `bad placeholder {{${match[1]}}}`);
    }
    const placeholder = positional ? Number(inner) : inner;
    if (!found.includes(placeholder)) found.push(placeholder);
  }
  return format === 'POSITIONAL' ? (found as number[]).sort((a, b) => a - b) : found;
}

/**
 * A URL button's placeholders. In a NAMED template Meta may keep the URL suffix positional
 * (`https://shop.example/{{1}}`), so either format is read there.
 */
function urlPlaceholders(url: string, format: ParameterFormat): Placeholder[] {
  if (format === 'NAMED' && /\{\{\s*[1-9]\d{0,2}\s*\}\}/.test(url)) return placeholdersIn(url, 'POSITIONAL');
  return placeholdersIn(url, format);
}

/** Why a template is left out of the catalog; its message is the reason `readMetaTemplate` gives. */
export class UnsupportedTemplateError extends Error {
  override name = 'UnsupportedTemplateError';
}

const PARAMETER_FORMATS: readonly ParameterFormat[] = ['POSITIONAL', 'NAMED'];
const HEADER_FORMATS: readonly HeaderFormat[] = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'];
const BUTTON_TYPES: readonly ButtonType[] = ['URL', 'QUICK_REPLY', 'PHONE_NUMBER', 'COPY_CODE', 'OTP', 'FLOW'];

function toTemplate(json: unknown): Template {
  const item = record(json, 'template');
  const name = nonEmpty(item['name'], 'name');
  const language = nonEmpty(item['language'], 'language');
  const where = `${name}/${language}`;
  const fail = (why: string): never => {
    throw new UnsupportedTemplateError(`${where}: ${why}`);
  };

  const status = normaliseStatus(item['status']) ?? fail(`unknown status ${show(item['status'])}`);
  const category = normaliseCategory(item['category']) ?? fail(`unknown category ${show(item['category'])}`);
  const format = item['parameter_format'] === undefined ? 'POSITIONAL' : oneOf(item['parameter_format'], PARAMETER_FORMATS);
  if (format === null) fail(`unknown parameter_format ${show(item['parameter_format'])}`);
  if (!Array.isArray(item['components'])) fail('components is not an array');

  try {
    const components = toComponents(item['components'] as unknown[], format!);
    return { name, language, category, status, components: format === 'NAMED' ? { parameterFormat: 'NAMED', ...components } : components };
  } catch (error) {
    if (error instanceof UnsupportedTemplateError) fail(error.message);
    throw error;
  }
}

function toComponents(list: unknown[], format: ParameterFormat): TemplateComponents {
  let header: TemplateComponents['header'];
  let body: TemplateComponents['body'] | undefined;
  let footer: TemplateComponents['footer'];
  let buttons: TemplateButton[] | undefined;

  for (const raw of list) {
    const component = record(raw, 'component');
    const type = typeof component['type'] === 'string' ? component['type'].toUpperCase() : '';
    const once = (seen: unknown) => {
      if (seen !== undefined) throw new UnsupportedTemplateError(`more than one ${type} component`);
    };
    switch (type) {
      case 'HEADER':
        once(header);
        header = toHeader(component, format);
        break;
      case 'BODY': {
        once(body);
        const text = nonEmpty(component['text'], 'BODY text');
        body = { text, placeholders: placeholdersIn(text, format) };
        break;
      }
      case 'FOOTER': {
        once(footer);
        const text = nonEmpty(component['text'], 'FOOTER text');
        // A footer cannot hold parameters; one that seems to is not a template we understand.
        if (/\{\{[^{}]*\}\}/.test(text)) throw new UnsupportedTemplateError('FOOTER with placeholders');
        footer = { text };
        break;
      }
      case 'BUTTONS':
        once(buttons);
        if (!Array.isArray(component['buttons'])) throw new UnsupportedTemplateError('BUTTONS without a buttons array');
        buttons = component['buttons'].map((raw, index) => toButton(raw, index, format));
        break;
      default:
        throw new UnsupportedTemplateError(`unsupported component ${show(component['type'])}`);
    }
  }
  if (!body) throw new UnsupportedTemplateError('no BODY component');
  return { ...(header && { header }), body, ...(footer && { footer }), buttons: buttons ?? [] };
}

function toHeader(component: Record<string, unknown>, parameterFormat: ParameterFormat): NonNullable<TemplateComponents['header']> {
  const format = oneOf(component['format'], HEADER_FORMATS);
  if (!format) throw new UnsupportedTemplateError(`unsupported HEADER format ${show(component['format'])}`);
  if (format !== 'TEXT') return { format, placeholders: [] };
  const text = nonEmpty(component['text'], 'HEADER text');
  return { format, text, placeholders: placeholdersIn(text, parameterFormat) };
}

function toButton(raw: unknown, index: number, format: ParameterFormat): TemplateButton {
  const button = record(raw, `button ${index}`);
  const type = oneOf(button['type'], BUTTON_TYPES) ?? 'OTHER';
  // COPY_CODE and OTP buttons come without a text of their own in some API versions.
  const text = typeof button['text'] === 'string' ? button['text'] : '';
  // A copy-code button is sent with its coupon, and an OTP button with the code: one parameter
  // each at send time, though their definitions carry no {{n}}.
  if (type === 'COPY_CODE' || type === 'OTP') return { index, type, text, placeholders: [1] };
  if (type !== 'URL') return { index, type, text, placeholders: [] };
  const url = nonEmpty(button['url'], `button ${index} url`);
  return { index, type, text, url, placeholders: urlPlaceholders(url, format) };
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | null {
  if (typeof value !== 'string') return null;
  const upper = value.trim().toUpperCase();
  return (allowed as readonly string[]).includes(upper) ? (upper as T) : null;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnsupportedTemplateError(`${what} is not an object`);
  return value as Record<string, unknown>;
}

function nonEmpty(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UnsupportedTemplateError(`missing ${what}`);
  return value;
}

function show(value: unknown): string {
  return value === undefined ? 'missing' : JSON.stringify(value);
}

/** One page of `GET /{waba-id}/message_templates`. */
export interface TemplatePage {
  data: unknown[];
  /** `paging.next`, absent on the last page. */
  next: string | null;
  /** `paging.cursors.after`. */
  after: string | null;
}

/** `{ data: [...], paging?: { cursors?: { after }, next? } }`; anything else is a permanent error. */
export function readTemplatePage(json: unknown): TemplatePage {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !Array.isArray((json as { data?: unknown }).data)) {
    throw ProviderError.permanent('unexpected template catalog page', 'data is not an array');
  }
  const { data, paging } = json as { data: unknown[]; paging?: unknown };
  const pagingRecord = isObject(paging) ? paging : {};
  const cursors = isObject(pagingRecord['cursors']) ? pagingRecord['cursors'] : {};
  return { data, next: nonEmptyOrNull(pagingRecord['next']), after: nonEmptyOrNull(cursors['after']) };
}

/**
 * Where the next page is, or null after the last one. `root` is `{baseUrl}/{version}/`, `first`
 * the first page's URL.
 *
 * `paging.next` is followed only under `root`, because the token goes with the request. A reseller
 * relaying Meta's paging verbatim points `next` at graph.facebook.com: then the `after` cursor is
 * replayed on the first page's URL instead; without one, the catalog cannot be read safely.
 */
export function nextTemplatePageUrl(page: TemplatePage, first: URL, root: URL): URL | null {
  if (page.next === null) return null;
  let next: URL | null;
  try {
    next = new URL(page.next);
  } catch {
    next = null;
  }
  if (next && next.origin === root.origin && next.pathname.startsWith(root.pathname)) {
    // The token travels in the header; a copy echoed into the query would end up in access logs.
    next.searchParams.delete('access_token');
    return next;
  }
  if (page.after === null) throw ProviderError.permanent('template catalog paging.next leaves the configured base URL');
  const replay = new URL(first);
  replay.searchParams.set('after', page.after);
  return replay;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
