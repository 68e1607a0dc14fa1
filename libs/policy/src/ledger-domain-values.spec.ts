// The definitions spell out the values the domain writes (the ledger library depends on no other);
// these tests keep the two lists equal, so a new skip reason or status is a deliberate schema change.
import { CONSENT_CATEGORIES } from '../../../consent/src/consent.js';
import { SKIP_REASONS } from '../../../policy/src/policy.js';
import { TEMPLATE_CATEGORIES, TEMPLATE_STATUSES } from '../../../templates/src/template.js';
import { CONSENT_CHANGED } from './consent-changed.js';
import { NOTIFICATION_DECIDED, SKIP_REASONS as LEDGER_SKIP_REASONS, TEMPLATE_STATUSES as LEDGER_TEMPLATE_STATUSES } from './notification-decided.js';
import { TEMPLATE_CATEGORY } from './schema-parts.js';

describe('entry definitions and the domain agree', () => {
  it('on skip reasons, template statuses and categories, consent categories', () => {
    expect([...LEDGER_SKIP_REASONS]).toEqual([...SKIP_REASONS]);
    expect([...LEDGER_TEMPLATE_STATUSES]).toEqual([...TEMPLATE_STATUSES]);
    expect([...TEMPLATE_CATEGORY.enum]).toEqual([...TEMPLATE_CATEGORIES]);
    expect([...CONSENT_CHANGED.body.properties.category.enum]).toEqual([...CONSENT_CATEGORIES]);
    expect(NOTIFICATION_DECIDED.body.properties.decision.enum).toEqual(['SEND', 'SKIP']);
  });
});
