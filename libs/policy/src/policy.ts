/*
 * Whether an event sends its bound template, and if not, why. Pure: the caller reads the binding,
 * the template catalog and the latest consent entries, and records the decision in the ledger,
 * refusals included.
 *
 * Checks run in this order; the first that fails is the reason recorded:
 *  1. AGENT_CART               a cart created by an agent is never notified, whatever is configured.
 *  2. NO_BINDING               no template is bound to this event type.
 *  3. CONDITION_NOT_MET        the binding's newStatus condition does not match the event.
 *  4. NOT_IN_USER_GROUP        the binding is limited to groups the recipient is in none of.
 *     (1–4 say the event is not meant for this notification: no consent question arises.)
 *  5. OPTED_OUT                Passweb's "Opt Out WhatsApp" flag: no automatic message at all, so
 *                              it needs no template to decide.
 *  6. NO_TEMPLATE_FOR_LANGUAGE neither the recipient's language nor the default has a template.
 *  7. TEMPLATE_NOT_APPROVED    the chosen template is not in the catalog (no category to judge by).
 *  8. OPTED_OUT                the latest recorded consent entry for `all` or the template's
 *                              category is an opt-out.
 *  9. NO_MARKETING_CONSENT     a MARKETING template without a standing opt-in.
 * 10. TEMPLATE_NOT_APPROVED    the template is PAUSED, REJECTED, DISABLED… (the refusal names Meta's
 *                              reason, e.g. the pause's FIRST_PAUSE, in template.statusReason)
 * 11. BSUID_NOT_ALLOWED        an AUTHENTICATION template to a business-scoped user id (a user
 *                              known by no number): Meta refuses it with 131062, so it is not sent.
 * 12. MISSING_VARIABLE         a placeholder has no value in the event.
 * Consent (8, 9) is judged before the template's status (10): a refusal on consent holds whatever
 * Meta does with the template later, so it is the stronger evidence to record.
 * The template is judged by the category in force at `now` (Meta recategorises templates, e.g.
 * UTILITY to MARKETING, announcing it a day ahead: template_category_update), so a recategorised
 * template needs the consent of its new category from the moment it takes effect.
 */
import type { EventRecipient, PasswebEvent } from '#sigillo/passweb';
import type { Binding } from '#sigillo/templates';
import { renderParameters } from '#sigillo/templates';
import { type RenderedParameters, categoryInForce, type Template, type TemplateCategory, type TemplateStatus } from '#sigillo/whatsapp';

import type { ConsentCategory, ConsentState, ConsentView } from '#sigillo/consent';

export type { ConsentState, ConsentView };
export type ConsentScope = ConsentCategory;

export type TemplateLookup = (name: string, language: string) => Template | null;

/** The parts of an event the policy reads. */
export type PolicyEvent = Pick<PasswebEvent, 'type' | 'data' | 'createdByAgent'> & {
  // phone: only whether it is a business-scoped user id matters here (BSUID_NOT_ALLOWED).
  recipient: Pick<EventRecipient, 'groups' | 'whatsappOptOut' | 'language'> & Partial<Pick<EventRecipient, 'phone'>>;
};

export interface PolicyInput {
  event: PolicyEvent;
  /** The tenant's language, used when the recipient's has no template. */
  defaultLanguage: string;
  binding: Binding | null;
  templates: TemplateLookup;
  consent: ConsentView;
  /** The decision's time: which category is in force. */
  now: Date;
}

// A WhatsApp business-scoped user id (IT.1502576394655843): the recipient of a user known by no number.
const BSUID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

export const SKIP_REASONS = [
  'AGENT_CART',
  'NO_BINDING',
  'CONDITION_NOT_MET',
  'NOT_IN_USER_GROUP',
  'OPTED_OUT',
  'NO_TEMPLATE_FOR_LANGUAGE',
  'TEMPLATE_NOT_APPROVED',
  'NO_MARKETING_CONSENT',
  'MISSING_VARIABLE',
  'BSUID_NOT_ALLOWED',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** The template a refusal concerns; category and status are null when it is not in the catalog. */
export interface TemplateRef {
  name: string;
  language: string;
  category: TemplateCategory | null;
  status: TemplateStatus | null;
  /** Meta's reason for the status (e.g. FIRST_PAUSE); only when Meta gave one. */
  statusReason?: string;
}

export interface SendDecision {
  decision: 'SEND';
  template: Template;
  category: TemplateCategory;
  language: string;
  /** The consent entry the send stands on: the opt-in for MARKETING; null when none was recorded. */
  consent: ConsentState | null;
  parameters: RenderedParameters;
}

export interface SkipDecision {
  decision: 'SKIP';
  reason: SkipReason;
  template?: TemplateRef;
  /** The recorded entry behind an OPTED_OUT; absent when Passweb's flag refused. */
  consent?: ConsentState;
  /** For MISSING_VARIABLE: the slots without a value (see renderParameters). */
  missing?: string[];
}

export type PolicyDecision = SendDecision | SkipDecision;

const CATEGORY_SCOPE: Record<TemplateCategory, ConsentScope> = {
  MARKETING: 'marketing',
  UTILITY: 'utility',
  AUTHENTICATION: 'authentication',
};

export function decide(input: PolicyInput): PolicyDecision {
  const { event, binding } = input;
  if (event.type === 'cart.abandoned' && event.createdByAgent) return skip('AGENT_CART');
  if (binding === null || binding.eventType !== event.type) return skip('NO_BINDING');
  if (!conditionMet(binding, event.data.newStatus)) return skip('CONDITION_NOT_MET');
  if (!inUserGroups(binding, event.recipient.groups)) return skip('NOT_IN_USER_GROUP');
  if (event.recipient.whatsappOptOut) return skip('OPTED_OUT');

  const chosen = chooseTemplate(binding.templates, event.recipient.language, input.defaultLanguage);
  if (chosen === null) return skip('NO_TEMPLATE_FOR_LANGUAGE');
  const found = input.templates(chosen.name, chosen.language);
  if (found === null) {
    return skip('TEMPLATE_NOT_APPROVED', { template: { ...chosen, category: null, status: null } });
  }
  const category = categoryInForce(found, input.now);
  const template = category === found.category ? found : { ...found, category };
  const ref: TemplateRef = {
    name: template.name,
    language: template.language,
    category: template.category,
    status: template.status,
    ...(template.statusReason ? { statusReason: template.statusReason } : {}),
  };

  const consent = governingConsent(input.consent, template.category);
  if (consent?.action === 'opt_out') return skip('OPTED_OUT', { template: ref, consent });
  if (template.category === 'MARKETING' && consent?.action !== 'opt_in') return skip('NO_MARKETING_CONSENT', { template: ref });
  if (template.status !== 'APPROVED') return skip('TEMPLATE_NOT_APPROVED', { template: ref });
  if (template.category === 'AUTHENTICATION' && BSUID.test(event.recipient.phone ?? '')) return skip('BSUID_NOT_ALLOWED', { template: ref });

  const rendered = renderParameters(template, binding, event.data);
  if (!rendered.ok) return skip('MISSING_VARIABLE', { template: ref, missing: rendered.missing });

  return {
    decision: 'SEND',
    template,
    category: template.category,
    language: template.language,
    consent,
    parameters: rendered.parameters,
  };
}

function skip(reason: SkipReason, details: Omit<SkipDecision, 'decision' | 'reason'> = {}): SkipDecision {
  return { decision: 'SKIP', reason, ...details };
}

/** Statuses are compared trimmed and case-insensitively: "Spedito" and "spedito" are one state. */
function conditionMet(binding: Binding, newStatus: string | number | undefined): boolean {
  const wanted = binding.condition?.newStatus;
  if (wanted === undefined || wanted.length === 0) return true;
  if (newStatus === undefined) return false;
  const status = statusKey(String(newStatus));
  return wanted.some((w) => statusKey(w) === status);
}

function statusKey(status: string): string {
  return status.trim().toLowerCase();
}

function inUserGroups(binding: Binding, groups: readonly string[]): boolean {
  const allowed = binding.userGroups;
  if (allowed === undefined || allowed.length === 0) return true;
  return groups.some((g) => allowed.includes(g));
}

/**
 * The binding entry for the recipient's language, else the default's. A language matches a
 * template exactly (case and `-`/`_` aside), then by its primary subtag (`en_US` → `en`), then any
 * template of the same primary language (`en` → `en_GB`): a close language beats the default.
 */
export function chooseTemplate(
  templates: readonly { name: string; language: string }[],
  recipientLanguage: string | undefined,
  defaultLanguage: string,
): { name: string; language: string } | null {
  for (const wanted of [recipientLanguage, defaultLanguage]) {
    if (!wanted) continue;
    const key = languageKey(wanted);
    const primary = primarySubtag(wanted);
    const found =
      templates.find((t) => languageKey(t.language) === key) ??
      templates.find((t) => languageKey(t.language) === primary) ??
      templates.find((t) => primarySubtag(t.language) === primary);
    if (found) return { name: found.name, language: found.language };
  }
  return null;
}

export function languageKey(code: string): string {
  return code.trim().replace(/-/g, '_').toLowerCase();
}

function primarySubtag(code: string): string {
  return languageKey(code).split('_')[0];
}

/**
 * The consent entry that decides a category: the later of the `all` entry and the category's own,
 * so a marketing opt-in after a general STOP counts, and a general STOP after it wins again.
 */
export function governingConsent(view: ConsentView, category: TemplateCategory): ConsentState | null {
  return later(view.all, view[CATEGORY_SCOPE[category]]);
}

/**
 * Entries are sequenced in the order they were recorded, so one still waiting for its sequence
 * number (null) is newer than any sequenced one. When the order cannot be told, the opt-out wins.
 */
function later(a: ConsentState | null, b: ConsentState | null): ConsentState | null {
  if (a === null) return b;
  if (b === null) return a;
  if (a.seq === b.seq) return a.action === 'opt_out' ? a : b;
  if (a.seq === null) return a;
  if (b.seq === null) return b;
  return a.seq > b.seq ? a : b;
}
