/** Where a consent change came from, as the console names it (the UI translates the key). */
export type ConsentSourceKind = 'api' | 'staff' | 'stop_message' | 'preference_webhook' | 'error_131050';

export const STAFF_CONSENT_SOURCE = 'staff';

/** The stored `source` of a consent change (the caller's label or Sigillo's own) → its kind. */
export function consentSourceKind(source: string): ConsentSourceKind {
  switch (source) {
    case STAFF_CONSENT_SOURCE:
      return 'staff';
    case 'whatsapp-keyword':
      return 'stop_message';
    case 'meta-user-preferences':
      return 'preference_webhook';
    case 'meta-error-131050':
      return 'error_131050';
    default:
      return 'api';
  }
}
