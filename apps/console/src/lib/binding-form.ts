// The bindings editor's form model <-> the binding JSON of PUT /console/api/bindings/:eventType.
// Rows keep what the staff typed; empty rows are dropped when the binding is built.
import type { Binding } from '../api/types.js';

export interface BindingForm {
  templates: { name: string; language: string }[];
  variables: { slot: string; variable: string }[];
  newStatus: string;
  userGroups: string;
  mediaLink: string;
  mediaFilename: string;
}

const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

export function formFromBinding(binding: Partial<Binding> | null): BindingForm {
  return {
    templates: binding?.templates?.length ? binding.templates.map((t) => ({ ...t })) : [{ name: '', language: '' }],
    variables: Object.entries(binding?.variables ?? {}).map(([slot, variable]) => ({ slot, variable })),
    newStatus: (binding?.condition?.newStatus ?? []).join(', '),
    userGroups: (binding?.userGroups ?? []).join(', '),
    mediaLink: binding?.media?.link ?? '',
    mediaFilename: binding?.media?.filename ?? '',
  };
}

/**
 * The body to send. Row positions are kept for templates (the api's `templates.N` errors name the
 * row the staff sees), so a blank template row is sent as typed and refused beside it.
 */
export function bindingFromForm(eventType: string, form: BindingForm): Binding {
  const binding: Binding = {
    eventType,
    templates: form.templates.map((t) => ({ name: t.name.trim(), language: t.language.trim() })),
    variables: Object.fromEntries(
      form.variables.filter((v) => v.slot.trim() !== '' || v.variable.trim() !== '').map((v) => [v.slot.trim(), v.variable.trim()]),
    ),
  };
  const newStatus = list(form.newStatus);
  if (newStatus.length) binding.condition = { newStatus };
  const groups = list(form.userGroups);
  if (groups.length) binding.userGroups = groups;
  if (form.mediaLink.trim() !== '')
    binding.media = { link: form.mediaLink.trim(), ...(form.mediaFilename.trim() ? { filename: form.mediaFilename.trim() } : {}) };
  return binding;
}

/** The form fields a binding error can sit beside, in the api's naming. */
export function bindingFieldNames(form: BindingForm): string[] {
  return [
    'templates',
    ...form.templates.flatMap((_, i) => [`templates.${i}`, `templates.${i}.name`, `templates.${i}.language`]),
    'variables',
    ...form.variables.map((v) => `variables.${v.slot.trim()}`),
    'condition.newStatus',
    'userGroups',
    'media',
    'media.link',
    'media.filename',
  ];
}
