import type { FieldError } from '#sigillo/passweb';
import type { Placeholder, RenderedText } from '#sigillo/whatsapp';
import type { Binding } from './binding.js';
import { validateBinding, type BindingValidationContext } from './binding-validation.js';
import { renderParameters, type EventValues } from './render.js';

/** A message as the customer would see it: the template's text with the sample's values in place. */
export interface RenderedMessage {
  template: { name: string; language: string };
  header?: { type: 'text'; text: string } | { type: 'image' | 'video' | 'document'; link: string };
  body: string;
  footer?: string;
  buttons: { type: string; text: string; url?: string }[];
}

export type Preview = { ok: true; binding: Binding; rendered: RenderedMessage } | { ok: false; status: 400 | 422; errors: FieldError[] };

/**
 * The binding checked as PUT /v1/bindings checks it, then rendered with the same functions a send
 * uses, from a sample event of the type: what a send would carry, or the field errors it would meet.
 * `language` picks one of the binding's templates (the first when absent).
 */
export function previewBinding(input: unknown, ctx: BindingValidationContext, sample: EventValues, language?: string): Preview {
  const checked = validateBinding(input, ctx);
  if (!checked.ok) return { ok: false, status: checked.status, errors: checked.errors };
  const binding = checked.binding;
  const choice = binding.templates.find((t) => t.language === language) ?? binding.templates[0];
  const template = ctx.findTemplate(choice.name, choice.language);
  if (!template) return { ok: false, status: 422, errors: [{ field: 'templates', message: `${choice.name}/${choice.language} is not in the catalog` }] };
  const rendered = renderParameters(template, binding, sample);
  if (!rendered.ok) {
    return {
      ok: false,
      status: 422,
      errors: rendered.missing.map((slot) => ({ field: `variables.${slot.split(':')[0]}`, message: `${slot} has no value in a ${ctx.eventType} event` })),
    };
  }
  const p = rendered.parameters;
  const header = template.components.header;
  return {
    ok: true,
    binding,
    rendered: {
      template: { name: template.name, language: template.language },
      ...(p.header?.type === 'text'
        ? { header: { type: 'text' as const, text: fillText(header?.text ?? '', header?.placeholders ?? [], [p.header.text]) } }
        : {}),
      ...(p.header && p.header.type !== 'text' ? { header: { type: p.header.type, link: p.header.link } } : {}),
      ...(!p.header && header?.format === 'TEXT' && header.text ? { header: { type: 'text' as const, text: header.text } } : {}),
      body: fillText(template.components.body.text, template.components.body.placeholders, p.body),
      ...(template.components.footer ? { footer: template.components.footer.text } : {}),
      buttons: template.components.buttons.map((b) => {
        const values = p.buttons.find((r) => r.index === b.index)?.parameters ?? [];
        return { type: b.type, text: b.text, ...(b.url ? { url: fillText(b.url, b.placeholders, values) } : {}) };
      }),
    },
  };
}

/** `{{1}}` / `{{first_name}}` replaced by the rendered values, matched by the template's placeholder order. */
export function fillText(text: string, placeholders: readonly Placeholder[], values: readonly RenderedText[]): string {
  const byKey = new Map<string, string>();
  const positional = placeholders.every((p) => typeof p === 'number');
  const keys = positional ? [...placeholders].sort((a, b) => (a as number) - (b as number)) : placeholders;
  keys.forEach((p, i) => {
    const v = values[i];
    if (v !== undefined) byKey.set(String(p), typeof v === 'string' ? v : v.text);
  });
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, key: string) => byKey.get(key) ?? whole);
}
