/**
 * What a send asks Meta to echo in its status webhooks (`biz_opaque_callback_data`): the
 * notification and the attempt. With the attempt in it, a status that arrives late for an attempt
 * given up on is told apart from one for the attempt that replaced it.
 */
export interface SendCallback {
  notificationId: string;
  /** Null for sends made before the attempt was carried (the notification id alone). */
  attempt: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ATTEMPT = /^[1-9]\d{0,3}$/;

export function callbackDataFor(notificationId: string, attempt: number): string {
  return `${notificationId}:${attempt}`;
}

/** Null for anything Sigillo did not write: Meta echoes whatever the sender put there. */
export function parseCallbackData(data: string | null | undefined): SendCallback | null {
  if (typeof data !== 'string') return null;
  const [id, attempt, ...rest] = data.split(':');
  if (rest.length > 0 || !UUID.test(id)) return null;
  if (attempt === undefined) return { notificationId: id, attempt: null };
  return ATTEMPT.test(attempt) ? { notificationId: id, attempt: Number(attempt) } : null;
}

/**
 * Every value a status of this notification's attempts up to `maxAttempt` may carry: an exact list
 * (an index lookup), since a prefix match on text depends on the database's collation.
 */
export function callbackDataCandidates(notificationId: string, maxAttempt: number): string[] {
  const values = [notificationId];
  for (let a = 1; a <= maxAttempt; a++) values.push(callbackDataFor(notificationId, a));
  return values;
}
