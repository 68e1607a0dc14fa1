// The definitions spell out the values the domain writes (the ledger library depends on no other);
// these tests keep the two lists equal, so a new skip reason or status is a deliberate schema change.
import { CONSENT_CATEGORIES } from '#sigillo/consent';
import { SKIP_REASONS } from './policy.js';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from '#sigillo/whatsapp';
import {
  CONSENT_CHANGED,
  NOTIFICATION_DECIDED,
  SKIP_REASONS as LEDGER_SKIP_REASONS,
  TEMPLATE_STATUSES as LEDGER_TEMPLATE_STATUSES,
  TEMPLATE_CATEGORY,
} from '#sigillo/ledger';

describe('entry definitions and the domain agree', () => {
  it('on skip reasons, template statuses and categories, consent categories', () => {
    expect([...LEDGER_SKIP_REASONS]).toEqual([...SKIP_REASONS]);
    expect([...LEDGER_TEMPLATE_STATUSES]).toEqual([...TEMPLATE_STATUSES]);
    expect([...TEMPLATE_CATEGORY.enum]).toEqual([...TEMPLATE_CATEGORIES]);
    expect([...CONSENT_CHANGED.body.properties.category.enum]).toEqual([...CONSENT_CATEGORIES]);
    expect(NOTIFICATION_DECIDED.body.properties.decision.enum).toEqual(['SEND', 'SKIP']);
  });
});
