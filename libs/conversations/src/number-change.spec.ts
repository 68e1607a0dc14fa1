import { checkEntryBody } from '#sigillo/ledger';
import { consentsToCarry, numberChangedEntry } from './number-change.js';

const TENANT = '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b';
const OLD_IN = '9f1e0c2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f';
const OLD_OUT = '1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9';
const NEW_IN = '2a7c1e90-5d3b-4f6a-9c8e-1b0d2f3e4a5c';
const NEW_OUT = '3c4d5e6f-7081-4923-a4b5-c6d7e8f90a1b';
const at = new Date('2026-12-02T10:00:00.000Z');

describe('consentsToCarry', () => {
  it('carries each category that has a consent in force, opt-outs included, and nothing else', () => {
    expect(
      consentsToCarry({
        marketing: { action: 'opt_out', consentId: OLD_OUT, seq: 4n },
        utility: { action: 'opt_in', consentId: OLD_IN, seq: null },
        authentication: null,
        all: null,
      }),
    ).toEqual([
      { category: 'marketing', action: 'opt_out', consentId: OLD_OUT },
      { category: 'utility', action: 'opt_in', consentId: OLD_IN },
    ]);
  });

  it('carries nothing for a user with no consent on record', () => {
    expect(consentsToCarry({ marketing: null, utility: null, authentication: null, all: null })).toEqual([]);
  });
});

describe('numberChangedEntry', () => {
  const carried = [
    { from: { category: 'marketing' as const, action: 'opt_out' as const, consentId: OLD_OUT }, consentId: NEW_OUT },
    { from: { category: 'utility' as const, action: 'opt_in' as const, consentId: OLD_IN }, consentId: NEW_IN },
  ];

  it("is about the new identifier, at Meta's time, naming each consent before and after and the window carried", () => {
    const entry = numberChangedEntry(
      { tenantId: TENANT, systemType: 'user_changed_number', to: '+393339876543', occurredAt: at },
      carried,
      new Date('2026-12-03T09:00:00.000Z'),
    );
    expect(entry).toMatchObject({ type: 'contact.number_changed', tenantId: TENANT, subjectPhone: '+393339876543', occurredAt: at });
    expect(entry.body).toEqual({
      tenantId: TENANT,
      systemType: 'user_changed_number',
      to: '+393339876543',
      consents: [
        { category: 'marketing', action: 'opt_out', carriedConsentId: OLD_OUT, consentId: NEW_OUT },
        { category: 'utility', action: 'opt_in', carriedConsentId: OLD_IN, consentId: NEW_IN },
      ],
      windowOpenUntil: '2026-12-03T09:00:00.000Z',
    });
    expect(checkEntryBody(entry.type, entry.body)).toEqual([]);
  });

  it('records a move to a new business-scoped user id with nothing to carry', () => {
    const entry = numberChangedEntry({ tenantId: TENANT, systemType: 'user_changed_user_id', to: 'IT.9912345678901234', occurredAt: at }, [], null);
    expect(entry.subjectPhone).toBe('IT.9912345678901234');
    expect(entry.body).toMatchObject({ consents: [], windowOpenUntil: null });
    expect(checkEntryBody(entry.type, entry.body)).toEqual([]);
  });
});
