import { templateCategoryChanged, templateQualityChanged, templateStatusChangedV2 } from '#sigillo/ledger';
import type { NewLedgerEntry } from '#sigillo/ledger';
import {
  TEMPLATE_CATEGORIES,
  TEMPLATE_STATUSES,
  type TemplateCategory,
  type TemplateChange,
  type TemplateStatus,
  type TemplateStatusChange,
} from '#sigillo/whatsapp';

/**
 * What one template change Meta reported does: the catalog update it asks for, the ledger entry it
 * makes, and the key it is recorded under once. Webhooks come at least once, and Meta retries a
 * delivery it got no 200 for, late as days (issue 15), so a change is keyed by (template, field,
 * event, Meta's time: the entry's `time`, the same in every delivery) and a re-delivery is recognised;
 * the catalog takes a change only when no later one (by Meta's time) is already in it.
 * Pure: the worker stores the plan (template-change.repository.ts).
 */
export type CatalogUpdate =
  | { field: 'status'; status: TemplateStatus | null; statusReason: string | null }
  | { field: 'quality'; score: string }
  | { field: 'category'; category: TemplateCategory; impending: boolean; effectiveAt: Date };

export interface TemplateChangePlan {
  name: string;
  language: string;
  /** With name, language and metaTime, what makes a re-delivery the same change. */
  field: CatalogUpdate['field'];
  event: string;
  metaTime: Date;
  update: CatalogUpdate;
  /**
   * The entry, given whether the catalog took the change: known only once it is stored
   * (template-change.repository.ts). A status event that sets no status says nothing of it.
   */
  entry: (applied: boolean) => NewLedgerEntry;
}

export type PlanResult = { ok: true; plan: TemplateChangePlan } | { ok: false; why: string };

/**
 * `receivedAt` stands in for Meta's time only when the entry has none (Meta always sends it): such
 * a change cannot be told from its re-delivery, and is logged each time.
 */
export function planTemplateChange(tenantId: string, change: TemplateChange, receivedAt: Date): PlanResult {
  const metaTime = change.occurredAt ?? receivedAt;
  const base = { tenantId, templateId: change.templateId, name: change.name, language: change.language };
  const key = { name: change.name, language: change.language, metaTime };
  if (change.field === 'status') {
    const status = templateStatusOf(change.event);
    const statusReason = status === null ? null : statusReasonOf(change);
    const entry = (applied: boolean) =>
      templateStatusChangedV2(
        {
          ...base,
          event: change.event,
          reason: change.reason,
          ...(change.category ? { category: change.category } : {}),
          ...(change.otherInfo ? { otherInfo: change.otherInfo } : {}),
          ...(change.rejectionInfo ? { rejectionInfo: change.rejectionInfo } : {}),
          ...(change.disableDate ? { disableDate: change.disableDate.toISOString() } : {}),
          status,
          statusReason,
          ...(status === null ? {} : { applied }),
        },
        metaTime,
      );
    return { ok: true, plan: { ...key, field: 'status', event: change.event, update: { field: 'status', status, statusReason }, entry } };
  }
  if (change.field === 'quality') {
    const entry = (applied: boolean) => templateQualityChanged({ ...base, previous: change.previous, score: change.score, applied }, metaTime);
    return { ok: true, plan: { ...key, field: 'quality', event: change.score, update: { field: 'quality', score: change.score }, entry } };
  }
  if (!isCategory(change.category)) return { ok: false, why: `unknown category ${change.category}` };
  // Impending: Meta announces the category it will apply at category_update_timestamp (24 hours on).
  const effectiveAt = change.impending ? (change.effectiveAt ?? metaTime) : metaTime;
  const category = change.category;
  const entry = (applied: boolean) =>
    templateCategoryChanged(
      { ...base, previous: change.previous, category, impending: change.impending, effectiveAt: effectiveAt.toISOString(), applied },
      metaTime,
    );
  return {
    ok: true,
    plan: {
      ...key,
      field: 'category',
      event: `${change.impending ? 'impending:' : ''}${change.category}`,
      update: { field: 'category', category: change.category, impending: change.impending, effectiveAt },
      entry,
    },
  };
}

/** Meta's template events that are statuses; REINSTATED means approved again, FLAGGED changes none. */
export function templateStatusOf(event: string): TemplateStatus | null {
  if (event === 'REINSTATED') return 'APPROVED';
  return (TEMPLATE_STATUSES as readonly string[]).includes(event) ? (event as TemplateStatus) : null;
}

/**
 * The reason decisions give for the status: a pause's or disablement's title (FIRST_PAUSE,
 * SECOND_PAUSE, RATE_LIMITING_PAUSE, DISABLED), else Meta's reason (a rejection's INVALID_FORMAT,
 * SCAM…). None for an approval, an unpause, or Meta's NONE.
 */
export function statusReasonOf(change: Pick<TemplateStatusChange, 'event' | 'reason' | 'otherInfo'>): string | null {
  if (change.event === 'APPROVED' || change.event === 'REINSTATED') return null;
  const title = change.otherInfo?.title;
  if (title && title !== 'UNPAUSE') return title;
  return change.reason && change.reason !== 'NONE' ? change.reason : null;
}

function isCategory(x: string): x is TemplateCategory {
  return (TEMPLATE_CATEGORIES as readonly string[]).includes(x);
}
