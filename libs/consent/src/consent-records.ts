import type { JsonObject } from '#sigillo/ledger';
import type { ConsentAction, ConsentCategory } from './consent.js';

/**
 * A consent change to record, from the API (with the caller's id) or from Sigillo itself (a STOP
 * keyword, a user_preferences webhook, error 131050: `clientId` null).
 */
export interface ConsentChange {
  /** The caller's id: a repeat with it is not recorded twice. */
  clientId?: string | null;
  /** SHA-256 of the caller's canonical request: the same client id with another body is a conflict. */
  requestHash?: string | null;
  /** E.164. */
  phone: string;
  userId?: string | null;
  category: ConsentCategory;
  action: ConsentAction;
  /** Who or what reports the change: "passweb-checkout", "whatsapp-keyword", … */
  source: string;
  /** What proves it: the form, the text version shown, the channel, the inbound message id, … */
  evidence: JsonObject;
  occurredAt: Date;
}

/** A recorded change, as stored. */
export interface ConsentRecord {
  id: string;
  tenantId: string;
  clientId: string | null;
  phone: string;
  userId: string | null;
  category: ConsentCategory;
  action: ConsentAction;
  source: string;
  evidence: JsonObject;
  occurredAt: Date;
  recordedAt: Date;
  /** Ledger position of its consent.changed entry; null while not yet sequenced. */
  seq: bigint | null;
}

/** A change ready to insert, with the ids chosen by the service. */
export interface NewConsent extends ConsentChange {
  id: string;
  tenantId: string;
}

export type ConsentInsertResult = { created: true; record: ConsentRecord } | { created: false; requestHash: string | null; record: ConsentRecord };

/** The answer to POST /v1/consents, the same for every repetition of a client id. */
export interface ConsentAnswer {
  consentId: string;
  seq: number | null;
  created: boolean;
}

/** One line of GET /v1/consents. */
export interface ConsentHistoryItem {
  consentId: string;
  category: ConsentCategory;
  action: ConsentAction;
  source: string;
  evidence: JsonObject;
  occurredAt: string;
  recordedAt: string;
  seq: number | null;
  /** Where its proof bundle is served; null while not yet sequenced. */
  proof: string | null;
}
