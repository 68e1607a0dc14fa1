/** Meta's customer-service window: 24 hours from the user's latest message. */
export const CUSTOMER_WINDOW_MS = 24 * 60 * 60 * 1000;

export function windowOpenUntil(lastInboundAt: Date): Date {
  return new Date(lastInboundAt.getTime() + CUSTOMER_WINDOW_MS);
}

export function isWindowOpen(openUntil: Date | null, at: Date = new Date()): boolean {
  return openUntil !== null && at.getTime() < openUntil.getTime();
}
