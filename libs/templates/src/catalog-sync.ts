/**
 * What a catalog sync keeps of what only Meta's webhooks told about a template. The template list
 * gives the status and category in force, not why (a pause's title) nor when Meta set them, nor a
 * recategorisation Meta announced for later: those are kept while the synced status and category
 * still agree with them, and dropped once the list shows something else. Pure.
 */
export interface WebhookFacts {
  statusReason: string | null;
  statusAt: Date | null;
  qualityScore: string | null;
  qualityAt: Date | null;
  categoryAt: Date | null;
  pendingCategory: string | null;
  pendingCategoryAt: Date | null;
}

export function webhookFactsKept(
  before: (WebhookFacts & { status: string; category: string }) | null,
  synced: { status: string; category: string },
): WebhookFacts {
  const sameStatus = before !== null && before.status === synced.status;
  const sameCategory = before !== null && before.category === synced.category;
  // The list already shows an announced category once it is in force: nothing is pending then.
  const stillPending = before !== null && before.pendingCategory !== null && before.pendingCategory !== synced.category;
  return {
    statusReason: sameStatus ? before.statusReason : null,
    statusAt: sameStatus ? before.statusAt : null,
    qualityScore: before?.qualityScore ?? null,
    qualityAt: before?.qualityAt ?? null,
    categoryAt: sameCategory ? before.categoryAt : null,
    pendingCategory: stillPending ? before.pendingCategory : null,
    pendingCategoryAt: stillPending ? before.pendingCategoryAt : null,
  };
}
