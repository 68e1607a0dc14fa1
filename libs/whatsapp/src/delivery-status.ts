/**
 * The order of Meta's delivery statuses, in one place: a message is sent, then delivered, then
 * read, and `failed` is terminal and wins over anything before it. Meta may deliver the webhooks in
 * any order and more than once; a message's delivery state only ever moves forward along this order.
 * Used in TypeScript (rank, furthest) and, built from the same table, in SQL (rankSql).
 */
export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** 1-based position in the order; 0 for anything that is not a delivery status (or none yet). */
export function deliveryRank(status: string | null | undefined): number {
  return status == null ? 0 : DELIVERY_STATUSES.indexOf(status as DeliveryStatus) + 1;
}

/** Whether a message at `current` moves to `next`: only forward, never out of `failed`. */
export function deliveryMovesTo(current: string | null | undefined, next: string): boolean {
  return deliveryRank(next) > deliveryRank(current);
}

/** The furthest of some statuses (null when none is a delivery status). */
export function furthestDelivery(statuses: readonly string[]): DeliveryStatus | null {
  let best: DeliveryStatus | null = null;
  for (const s of statuses) if (deliveryRank(s) > deliveryRank(best)) best = s as DeliveryStatus;
  return best;
}

/** Compares two statuses by the order (for sort): earlier first, non-statuses before all. */
export function compareDelivery(a: string, b: string): number {
  return deliveryRank(a) - deliveryRank(b);
}

const COLUMN = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/;

/**
 * deliveryRank as a SQL expression over a column of our own statement (`x.status`): the same
 * numbers, so SQL and TypeScript never disagree on the order. The column is spliced, never input.
 */
export function deliveryRankSql(column: string): string {
  if (!COLUMN.test(column)) throw new TypeError(`${column} is not a column reference`);
  return `CASE ${column} ${DELIVERY_STATUSES.map((s, i) => `WHEN '${s}' THEN ${i + 1}`).join(' ')} ELSE 0 END`;
}
