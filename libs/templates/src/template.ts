/** Meta's template categories: they decide consent rules and price. */
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];

/** Meta's template statuses; only APPROVED can be sent. */
export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'PENDING_DELETION',
  'DELETED',
  'LIMIT_EXCEEDED',
] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export type HeaderFormat = 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';
export type ButtonType = 'URL' | 'QUICK_REPLY' | 'PHONE_NUMBER' | 'COPY_CODE' | 'OTP' | 'FLOW' | 'OTHER';

export interface TemplateButton {
  /** Position among the template's buttons: Cloud API button parameters are addressed by it. */
  index: number;
  type: ButtonType;
  text: string;
  url?: string;
  /** Placeholder numbers in the button (a URL button's dynamic suffix is {{1}}). */
  placeholders: number[];
}

export interface TemplateComponents {
  header?: { format: HeaderFormat; text?: string; placeholders: number[] };
  body: { text: string; placeholders: number[] };
  footer?: { text: string };
  buttons: TemplateButton[];
}

/** One approved-or-not template in one language, as synced from the provider. */
export interface Template {
  name: string;
  language: string;
  category: TemplateCategory;
  status: TemplateStatus;
  components: TemplateComponents;
}

/**
 * Placeholder slots a binding maps to event variables: `header.1`, `body.N`, `button.<index>.N`.
 * Media headers need a link (the binding's `media`), not a variable.
 */
export type PlaceholderSlot = `header.${number}` | `body.${number}` | `button.${number}.${number}`;

/** Every slot a template needs filled, in a stable order. */
export function templateSlots(template: Template): PlaceholderSlot[] {
  const slots: PlaceholderSlot[] = [];
  const { header, body, buttons } = template.components;
  if (header?.format === 'TEXT') for (const n of header.placeholders) slots.push(`header.${n}`);
  for (const n of body.placeholders) slots.push(`body.${n}`);
  for (const b of buttons) for (const n of b.placeholders) slots.push(`button.${b.index}.${n}`);
  return slots;
}
