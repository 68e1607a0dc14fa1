/*
 * Fills a template's placeholders from an event's data, producing the values a provider puts in
 * the Cloud API `components`. Values are used as Passweb wrote them: numbers become their plain
 * JavaScript string ("3", "12.5"), with no locale formatting guessed.
 *
 * Meta refuses text parameters holding newlines, tabs or more than four consecutive spaces
 * (error 132000-family), so text is normalised to single spaces instead of failing the send.
 *
 * URL buttons: Meta appends the parameter verbatim to the URL approved with the template, and
 * does not encode it. So the suffix is kept as written — "/", "?", "=", "&" and existing "%xx"
 * escapes are meant to be there — and only characters that cannot appear in a URL (spaces,
 * non-ASCII, quotes…) are percent-encoded. When the value is a full link that already starts with
 * the button's fixed part (Passweb's siteUrl against `https://shop.example/{{1}}`), that part is
 * removed, so the customer is not sent to `https://shop.example/https://shop.example/…`.
 *
 * NAMED templates (`{{first_name}}`): each text value carries its placeholder's name, which the
 * provider sends as `parameter_name`; Meta matches them by name, so their order does not matter.
 */
import type { Binding } from './binding.js';
import type { Placeholder, PlaceholderSlot, Template, TemplateButton } from '#sigillo/whatsapp';
import { type RenderedButton, type RenderedHeader, type RenderedParameters, type RenderedText } from '#sigillo/whatsapp';

export type RenderResult = { ok: true; parameters: RenderedParameters } | { ok: false; missing: string[] };

export type EventValues = Record<string, string | number | undefined>;

const BUTTON_SUB_TYPES: Partial<Record<TemplateButton['type'], RenderedButton['subType']>> = {
  URL: 'url',
  QUICK_REPLY: 'quick_reply',
  COPY_CODE: 'copy_code',
};

const MEDIA_HEADER_TYPES = { IMAGE: 'image', VIDEO: 'video', DOCUMENT: 'document' } as const;

/**
 * `missing` lists what stops the send: `body.2:firstName` for a mapped variable with no value,
 * `body.3` for a placeholder the binding does not map, `header.media` for a media header without
 * a link, and `header.location` / `button.0.1` for components Sigillo cannot fill.
 */
export function renderParameters(template: Template, binding: Binding, data: EventValues): RenderResult {
  const missing: string[] = [];
  const fill = (slot: PlaceholderSlot): string => {
    const variable = binding.variables[slot];
    if (variable === undefined) {
      missing.push(slot);
      return '';
    }
    const value = textOf(data[variable]);
    if (value === undefined) missing.push(`${slot}:${variable}`);
    return value ?? '';
  };

  // A named placeholder's value carries its name; a positional one (a URL suffix {{1}} in a NAMED template too) does not.
  const value = (placeholder: Placeholder, text: string): RenderedText => (typeof placeholder === 'string' ? { name: placeholder, text } : text);

  const { header, body, buttons } = template.components;
  let renderedHeader: RenderedHeader | undefined;
  if (header?.format === 'TEXT') {
    const first = ordered(header.placeholders)[0];
    if (first !== undefined) {
      const text = fill(`header.${first}`);
      renderedHeader = typeof first === 'string' ? { type: 'text', text, name: first } : { type: 'text', text };
    }
  } else if (header?.format === 'LOCATION') {
    missing.push('header.location');
  } else if (header !== undefined) {
    if (binding.media?.link) {
      renderedHeader = {
        type: MEDIA_HEADER_TYPES[header.format],
        link: binding.media.link,
        ...(header.format === 'DOCUMENT' && binding.media.filename ? { filename: binding.media.filename } : {}),
      };
    } else {
      missing.push('header.media');
    }
  }

  const renderedBody = ordered(body.placeholders).map((p) => value(p, fill(`body.${p}`)));

  const renderedButtons: RenderedButton[] = [];
  for (const button of buttons) {
    if (button.placeholders.length === 0) continue;
    const subType = BUTTON_SUB_TYPES[button.type];
    const placeholders = ordered(button.placeholders);
    const slotOf = (p: Placeholder): PlaceholderSlot => `button.${button.index}.${p}`;
    if (subType === undefined) {
      missing.push(...placeholders.map(slotOf));
      continue;
    }
    const parameters = placeholders.map((p) => {
      const slot = slotOf(p);
      const text = fill(slot);
      if (subType !== 'url' || text === '') return value(p, text);
      const suffix = urlSuffix(button.url, text);
      // The link is the button's fixed part itself: nothing is left to append, and Meta refuses empty parameters.
      if (suffix === '') missing.push(`${slot}:${binding.variables[slot]}`);
      return value(p, suffix);
    });
    renderedButtons.push({ index: button.index, subType, parameters });
  }

  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    parameters: {
      ...(renderedHeader ? { header: renderedHeader } : {}),
      body: renderedBody,
      buttons: renderedButtons,
    },
  };
}

/** Meta-safe parameter text, or undefined when there is nothing to show. */
export function textOf(value: string | number | undefined): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

// Characters allowed in a URL as written (RFC 3986 unreserved, reserved and "%").
const URL_CHARACTER = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;

/** The dynamic part of a URL button, given its approved URL (`https://shop.example/{{1}}`). */
export function urlSuffix(buttonUrl: string | undefined, value: string): string {
  const fixed = buttonUrl?.split('{{')[0];
  const suffix = fixed && value.startsWith(fixed) ? value.slice(fixed.length) : value;
  return Array.from(suffix, (c) => (URL_CHARACTER.test(c) ? c : percentEncode(c))).join('');
}

function percentEncode(character: string): string {
  try {
    return encodeURIComponent(character);
  } catch {
    return '%EF%BF%BD'; // a lone UTF-16 surrogate: encode U+FFFD as String.prototype.toWellFormed would
  }
}

/** Positional placeholders by number; named ones as the template lists them (first appearance). */
function ordered(placeholders: readonly Placeholder[]): Placeholder[] {
  return placeholders.every((p) => typeof p === 'number') ? [...placeholders].sort((a, b) => (a as number) - (b as number)) : [...placeholders];
}
