import type { ConsentCategory, ConsentView } from '#sigillo/consent';
import { contactNumberChanged, type NewLedgerEntry } from '#sigillo/ledger';

/** A consent in force for the old identifier, to be recorded again for the new one. */
export interface ConsentToCarry {
  category: ConsentCategory;
  action: 'opt_in' | 'opt_out';
  /** The consent (its consent.changed entry's consentId) being carried. */
  consentId: string;
}

/** Every category's consent in force for the old identifier: an opt-out moves as surely as an opt-in. */
export function consentsToCarry(view: ConsentView): ConsentToCarry[] {
  return (Object.keys(view) as ConsentCategory[]).flatMap((category) => {
    const state = view[category];
    return state ? [{ category, action: state.action, consentId: state.consentId }] : [];
  });
}

/**
 * The contact.number_changed entry of one move: the new identifier, each consent carried (before
 * and after) and the end of the window carried. The old identifier stays out of it: a number
 * given to someone else must not be tied to this user by the ledger.
 */
export function numberChangedEntry(
  move: { tenantId: string; systemType: string; to: string; occurredAt: Date },
  carried: readonly { from: ConsentToCarry; consentId: string }[],
  windowOpenUntil: Date | null,
): NewLedgerEntry {
  return contactNumberChanged(
    {
      tenantId: move.tenantId,
      systemType: move.systemType,
      to: move.to,
      consents: carried.map((c) => ({ category: c.from.category, action: c.from.action, carriedConsentId: c.from.consentId, consentId: c.consentId })),
      windowOpenUntil: windowOpenUntil === null ? null : windowOpenUntil.toISOString(),
    },
    move.occurredAt,
  );
}
