import { readFileSync } from 'node:fs';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES, type TemplateCategory, type TemplateStatus } from '#sigillo/whatsapp';

/** One item of Meta's `GET /{waba-id}/message_templates`, as the seed file stores it. */
export interface MetaTemplate {
  id: string;
  name: string;
  language: string;
  category: TemplateCategory;
  status: TemplateStatus;
  /** Absent in the seed: POSITIONAL, as Meta lists it. */
  parameter_format?: 'POSITIONAL' | 'NAMED';
  rejected_reason?: string;
  /** Meta's quality rating, once it has one: GREEN, YELLOW, RED, or UNKNOWN (pending). */
  quality_score?: { score: TemplateQualityScore; date: number };
  components: MetaComponent[];
}

/** https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_quality_update */
export const TEMPLATE_QUALITY_SCORES = ['GREEN', 'YELLOW', 'RED', 'UNKNOWN'] as const;
export type TemplateQualityScore = (typeof TEMPLATE_QUALITY_SCORES)[number];

export type MetaComponent =
  | { type: 'HEADER'; format: 'TEXT' | 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION'; text?: string; example?: unknown }
  | { type: 'BODY'; text: string; example?: unknown; add_security_recommendation?: boolean }
  | { type: 'FOOTER'; text: string; code_expiration_minutes?: number }
  | { type: 'BUTTONS'; buttons: MetaButton[] };

export interface MetaButton {
  type: 'URL' | 'QUICK_REPLY' | 'PHONE_NUMBER' | 'COPY_CODE' | 'OTP' | 'FLOW';
  text?: string;
  url?: string;
  phone_number?: string;
  /** OTP buttons only: COPY_CODE, ONE_TAP or ZERO_TAP. */
  otp_type?: string;
  example?: unknown;
}

/** How many distinct positional placeholders (`{{1}}`, `{{2}}`…) a text holds. */
export function placeholderCount(text: string | undefined): number {
  return new Set([...(text ?? '').matchAll(/\{\{\s*(\d+)\s*\}\}/g)].map((m) => m[1])).size;
}

/** The distinct named placeholders (`{{first_name}}`) of a text, in order of first appearance. */
export function placeholderNames(text: string | undefined): string[] {
  return [...new Set([...(text ?? '').matchAll(/\{\{\s*([a-z_][a-z0-9_]*)\s*\}\}/g)].map((m) => m[1]))];
}

export class TemplateSeedError extends Error {}

/**
 * Reads a seed file: Meta's `{ data: [...] }` page or a bare array. Throws TemplateSeedError with
 * one line naming the file and the first bad template, so a broken seed stops the boot.
 */
export function loadTemplateSeed(file: string): MetaTemplate[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new TemplateSeedError(`${file}: ${(err as Error).message}`);
  }
  const list = Array.isArray(json) ? json : (json as { data?: unknown } | null)?.data;
  if (!Array.isArray(list)) throw new TemplateSeedError(`${file}: expected an array of templates or { "data": [...] }`);
  const seen = new Set<string>();
  return list.map((item, i) => {
    const problem = seedProblem(item);
    if (problem) throw new TemplateSeedError(`${file}: template #${i} ${problem}`);
    const template = item as MetaTemplate;
    const key = `${template.name}/${template.language}`;
    if (seen.has(key)) throw new TemplateSeedError(`${file}: template #${i} repeats ${key}`);
    seen.add(key);
    return template;
  });
}

function seedProblem(item: unknown): string | null {
  if (typeof item !== 'object' || item === null) return 'is not an object';
  const t = item as Record<string, unknown>;
  if (typeof t['name'] !== 'string' || !/^[a-z0-9_]{1,512}$/.test(t['name'])) return 'has no valid name (lower case, digits, _)';
  if (typeof t['language'] !== 'string' || t['language'] === '') return `${t['name']} has no language`;
  if (typeof t['id'] !== 'string' || !/^\d{1,16}$/.test(t['id'])) return `${t['name']} needs an id of digits`;
  if (!(TEMPLATE_CATEGORIES as readonly unknown[]).includes(t['category'])) return `${t['name']} has an unknown category`;
  if (!(TEMPLATE_STATUSES as readonly unknown[]).includes(t['status'])) return `${t['name']} has an unknown status`;
  if (t['parameter_format'] !== undefined && t['parameter_format'] !== 'POSITIONAL' && t['parameter_format'] !== 'NAMED')
    return `${t['name']} has an unknown parameter_format`;
  if (!Array.isArray(t['components'])) return `${t['name']} has no components array`;
  const types = t['components'].map((c) => (c as { type?: unknown })?.type);
  if (types.filter((type) => type === 'BODY').length !== 1) return `${t['name']} needs exactly one BODY`;
  if (types.some((type) => !['HEADER', 'BODY', 'FOOTER', 'BUTTONS'].includes(type as string))) return `${t['name']} has an unknown component`;
  return null;
}
