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

/**
 * How a template's placeholders are written: `{{1}}`, `{{2}}`… (POSITIONAL) or `{{first_name}}`
 * (NAMED, filled by `parameter_name`). Meta's `parameter_format`; absent from stored rows synced
 * before NAMED was supported, which were all positional.
 */
export const PARAMETER_FORMATS = ['POSITIONAL', 'NAMED'] as const;
export type ParameterFormat = (typeof PARAMETER_FORMATS)[number];

/** A placeholder: its number in a positional template, its name in a named one. */
export type Placeholder = number | string;

export type HeaderFormat = 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION';
export type ButtonType = 'URL' | 'QUICK_REPLY' | 'PHONE_NUMBER' | 'COPY_CODE' | 'OTP' | 'FLOW' | 'OTHER';

export interface TemplateButton {
  /** Position among the template's buttons: Cloud API button parameters are addressed by it. */
  index: number;
  type: ButtonType;
  text: string;
  url?: string;
  /** Placeholders in the button (a URL button's dynamic suffix: {{1}}, or {{order_code}} in a NAMED template). */
  placeholders: Placeholder[];
}

export interface TemplateComponents {
  /** Absent: POSITIONAL. Kept here, with the placeholders it governs, so stored catalogs need no new column. */
  parameterFormat?: ParameterFormat;
  /** Placeholders in order of first appearance; numbers ascending for a positional template. */
  header?: { format: HeaderFormat; text?: string; placeholders: Placeholder[] };
  body: { text: string; placeholders: Placeholder[] };
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
  /** Meta's reason for the status (a pause's title such as FIRST_PAUSE, a rejection's reason), from its webhook. */
  statusReason?: string | null;
  /** Meta's quality score (GREEN, YELLOW, RED, UNKNOWN), from message_template_quality_update. */
  qualityScore?: string | null;
  /** A category Meta announced for a later time (template_category_update with correct_category). */
  pendingCategory?: { category: TemplateCategory; at: Date } | null;
}

/**
 * The category in force at `now`: an announced recategorisation counts from the time Meta gave,
 * whether or not its completion webhook has arrived yet (it may arrive late, or be re-delivered).
 */
export function categoryInForce(template: Template, now: Date): TemplateCategory {
  const pending = template.pendingCategory;
  return pending && pending.at.getTime() <= now.getTime() ? pending.category : template.category;
}

/**
 * Placeholder slots a binding maps to event variables: the component, then the placeholder as the
 * template writes it — `header.1`, `body.N`, `button.<index>.N` for positional templates,
 * `header.order_id`, `body.first_name`, `button.<index>.order_code` for named ones.
 * Media headers need a link (the binding's `media`), not a variable.
 */
export type PlaceholderSlot = `header.${string}` | `body.${string}` | `button.${number}.${string}`;

export function parameterFormatOf(template: Template): ParameterFormat {
  return template.components.parameterFormat ?? 'POSITIONAL';
}

/** Every slot a template needs filled, in a stable order. */
export function templateSlots(template: Template): PlaceholderSlot[] {
  const slots: PlaceholderSlot[] = [];
  const { header, body, buttons } = template.components;
  if (header?.format === 'TEXT') for (const n of header.placeholders) slots.push(`header.${n}`);
  for (const n of body.placeholders) slots.push(`body.${n}`);
  for (const b of buttons) for (const n of b.placeholders) slots.push(`button.${b.index}.${n}`);
  return slots;
}
