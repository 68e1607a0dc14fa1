import { webhookFactsKept, type WebhookFacts } from './catalog-sync.js';

const AT = new Date('2026-12-01T10:00:00.000Z');
const LATER = new Date('2026-12-02T10:00:00.000Z');
const NONE: WebhookFacts = {
  statusReason: null,
  statusAt: null,
  qualityScore: null,
  qualityAt: null,
  categoryAt: null,
  pendingCategory: null,
  pendingCategoryAt: null,
};
const paused = {
  ...NONE,
  status: 'PAUSED',
  category: 'UTILITY',
  statusReason: 'FIRST_PAUSE',
  statusAt: AT,
  qualityScore: 'RED',
  qualityAt: AT,
  categoryAt: AT,
};

describe('webhookFactsKept', () => {
  it('keeps nothing for a template new to the catalog', () => {
    expect(webhookFactsKept(null, { status: 'APPROVED', category: 'UTILITY' })).toEqual(NONE);
  });

  it('keeps the pause reason while the list still says PAUSED, and the quality score always', () => {
    expect(webhookFactsKept(paused, { status: 'PAUSED', category: 'UTILITY' })).toEqual({
      ...NONE,
      statusReason: 'FIRST_PAUSE',
      statusAt: AT,
      qualityScore: 'RED',
      qualityAt: AT,
      categoryAt: AT,
    });
  });

  it('drops the reason once the list shows another status (unpaused while no webhook came)', () => {
    expect(webhookFactsKept(paused, { status: 'APPROVED', category: 'UTILITY' })).toMatchObject({ statusReason: null, statusAt: null, qualityScore: 'RED' });
  });

  it("drops the category's time once the list shows another category", () => {
    expect(webhookFactsKept(paused, { status: 'PAUSED', category: 'MARKETING' })).toMatchObject({ categoryAt: null });
  });

  it('keeps an announced category until the list shows it in force', () => {
    const announced = { ...NONE, status: 'APPROVED', category: 'UTILITY', pendingCategory: 'MARKETING', pendingCategoryAt: LATER };
    expect(webhookFactsKept(announced, { status: 'APPROVED', category: 'UTILITY' })).toMatchObject({ pendingCategory: 'MARKETING', pendingCategoryAt: LATER });
    expect(webhookFactsKept(announced, { status: 'APPROVED', category: 'MARKETING' })).toMatchObject({ pendingCategory: null, pendingCategoryAt: null });
  });
});
