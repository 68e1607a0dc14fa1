export const CONSENT_CATEGORIES = ['marketing', 'utility', 'authentication', 'all'] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];
export type ConsentAction = 'opt_in' | 'opt_out';

/** The latest recorded change of one category, as the policy relies on it. */
export interface ConsentState {
  action: ConsentAction;
  consentId: string;
  /** Ledger position of its consent.changed entry; null while not yet sequenced. */
  seq: bigint | null;
}

export type ConsentView = Record<ConsentCategory, ConsentState | null>;

export const NO_CONSENT: ConsentView = { marketing: null, utility: null, authentication: null, all: null };
