/** The Passweb events that may trigger a template (MISSION §1), and who receives each. */
export const PASSWEB_EVENT_TYPES = [
  'order.status_changed',
  'cart.abandoned',
  'message.sent',
  'message.read',
  'activity.status_changed',
  'activity.acknowledged',
  'activity.reminder',
  'file.uploaded',
  'file.downloaded',
  'file.previewed',
] as const;
export type PasswebEventType = (typeof PASSWEB_EVENT_TYPES)[number];

/** The Passweb manual's placeholders, by the names the API uses. */
export const EVENT_VARIABLE_NAMES = [
  'firstName',
  'lastName',
  'fullName',
  'documentCode',
  'documentStatus',
  'orderTotal',
  'itemCount',
  'cartTotal',
  'cartItemCount',
  'messageSubject',
  'messageText',
  'activityDate',
  'activitySubject',
  'newStatus',
  'oldStatus',
  'folderName',
  'fileName',
  'siteUrl',
] as const;
export type EventVariableName = (typeof EVENT_VARIABLE_NAMES)[number];

const PERSON = ['firstName', 'lastName', 'fullName'] as const;
const MESSAGE = [...PERSON, 'messageSubject', 'messageText', 'siteUrl'] as const;
const ACTIVITY = [...PERSON, 'activityDate', 'activitySubject', 'siteUrl'] as const;
const FILE = [...PERSON, 'folderName', 'fileName', 'siteUrl'] as const;

/** The variables each event type can carry; a binding may map only these. */
export const EVENT_VARIABLES: Record<PasswebEventType, readonly EventVariableName[]> = {
  'order.status_changed': [...PERSON, 'documentCode', 'documentStatus', 'orderTotal', 'itemCount', 'newStatus', 'oldStatus', 'siteUrl'],
  'cart.abandoned': [...PERSON, 'cartTotal', 'cartItemCount', 'siteUrl'],
  'message.sent': MESSAGE,
  'message.read': MESSAGE,
  'activity.status_changed': [...ACTIVITY, 'newStatus', 'oldStatus'],
  'activity.acknowledged': ACTIVITY,
  'activity.reminder': ACTIVITY,
  'file.uploaded': FILE,
  'file.downloaded': FILE,
  'file.previewed': FILE,
};

export function isPasswebEventType(value: unknown): value is PasswebEventType {
  return typeof value === 'string' && (PASSWEB_EVENT_TYPES as readonly string[]).includes(value);
}
