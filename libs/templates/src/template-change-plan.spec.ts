import { checkEntryBody } from '#sigillo/ledger';
import type { TemplateChange } from '#sigillo/whatsapp';
import { planTemplateChange, statusReasonOf, templateStatusOf } from './template-change-plan.js';

const TENANT = '5d0c3f52-1b8e-4c1a-9a43-0f1f2e3d4c5b';
const META_TIME = new Date('2026-12-01T10:00:00.000Z');
const RECEIVED = new Date('2026-12-03T10:00:00.000Z');
const base = { wabaId: 'w', at: 'entry[0].changes[0]', templateId: '42', name: 'order_shipped', language: 'it', occurredAt: META_TIME };
const status = (event: string, more: Partial<Extract<TemplateChange, { field: 'status' }>> = {}): TemplateChange => ({
  ...base,
  field: 'status',
  event,
  reason: 'NONE',
  category: 'UTILITY',
  otherInfo: null,
  rejectionInfo: null,
  disableDate: null,
  ...more,
});

function plan(change: TemplateChange) {
  const r = planTemplateChange(TENANT, change, RECEIVED);
  if (!r.ok) throw new Error(r.why);
  // Every entry planned conforms to its type's schema, whether the catalog took the change or not.
  for (const applied of [true, false]) expect(checkEntryBody(r.plan.entry(applied).type, r.plan.entry(applied).body)).toEqual([]);
  return { ...r.plan, entry: r.plan.entry(true) };
}

describe('planTemplateChange', () => {
  it('times the change and its entry by Meta, not by when it was processed', () => {
    const p = plan(status('APPROVED'));
    expect(p.metaTime).toEqual(META_TIME);
    expect(p.entry.occurredAt).toEqual(META_TIME);
    expect(p.entry.type).toBe('template.status_changed/v2');
  });

  it('falls back to the time received when Meta gave none', () => {
    expect(plan({ ...status('APPROVED'), occurredAt: null }).metaTime).toEqual(RECEIVED);
  });

  it('keys a re-delivery the same way: same template, field, event and Meta time', () => {
    const a = plan(status('PAUSED', { otherInfo: { title: 'FIRST_PAUSE', description: 'd' } }));
    const b = plan(status('PAUSED', { otherInfo: { title: 'FIRST_PAUSE', description: 'd' } }));
    expect([a.name, a.language, a.field, a.event, a.metaTime]).toEqual([b.name, b.language, b.field, b.event, b.metaTime]);
  });

  it('a pause sets PAUSED with its title as the reason, and keeps Meta details in the entry', () => {
    const p = plan(status('PAUSED', { otherInfo: { title: 'SECOND_PAUSE', description: 'paused for 6 hours' } }));
    expect(p.update).toEqual({ field: 'status', status: 'PAUSED', statusReason: 'SECOND_PAUSE' });
    expect(p.entry.body).toMatchObject({
      event: 'PAUSED',
      reason: 'NONE',
      otherInfo: { title: 'SECOND_PAUSE', description: 'paused for 6 hours' },
      status: 'PAUSED',
      statusReason: 'SECOND_PAUSE',
    });
  });

  it('a rejection keeps its reason and rejection_info', () => {
    const p = plan(status('REJECTED', { reason: 'INVALID_FORMAT', rejectionInfo: { reason: 'r', recommendation: 'm' } }));
    expect(p.update).toEqual({ field: 'status', status: 'REJECTED', statusReason: 'INVALID_FORMAT' });
    expect(p.entry.body).toMatchObject({ rejectionInfo: { reason: 'r', recommendation: 'm' } });
  });

  it('a disablement keeps its date', () => {
    expect(plan(status('DISABLED', { disableDate: new Date(1751234563_000) })).entry.body).toMatchObject({
      disableDate: '2025-06-29T22:02:43.000Z',
      status: 'DISABLED',
    });
  });

  it('FLAGGED sets no status', () => {
    expect(plan(status('FLAGGED')).update).toEqual({ field: 'status', status: null, statusReason: null });
  });

  it('a quality change', () => {
    const p = plan({ ...base, field: 'quality', previous: 'GREEN', score: 'RED' });
    expect(p).toMatchObject({ field: 'quality', event: 'RED', update: { field: 'quality', score: 'RED' } });
    expect(p.entry).toMatchObject({ type: 'template.quality_changed', body: { previous: 'GREEN', score: 'RED' } });
  });

  it('a completed recategorisation is in force from Meta time', () => {
    const p = plan({ ...base, field: 'category', previous: 'UTILITY', category: 'MARKETING', impending: false, effectiveAt: null });
    expect(p.update).toEqual({ field: 'category', category: 'MARKETING', impending: false, effectiveAt: META_TIME });
    expect(p.event).toBe('MARKETING');
    expect(p.entry).toMatchObject({
      type: 'template.category_changed',
      body: { previous: 'UTILITY', category: 'MARKETING', impending: false, effectiveAt: META_TIME.toISOString() },
    });
  });

  it('an announced one from category_update_timestamp, keyed apart from its completion', () => {
    const at = new Date('2026-12-02T10:00:00.000Z');
    const p = plan({ ...base, field: 'category', previous: 'UTILITY', category: 'MARKETING', impending: true, effectiveAt: at });
    expect(p.update).toEqual({ field: 'category', category: 'MARKETING', impending: true, effectiveAt: at });
    expect(p.event).toBe('impending:MARKETING');
  });

  it('refuses a category Meta has not documented (nothing to judge consent by)', () => {
    expect(
      planTemplateChange(TENANT, { ...base, field: 'category', previous: 'UTILITY', category: 'SERVICE', impending: false, effectiveAt: null }, RECEIVED),
    ).toEqual({
      ok: false,
      why: 'unknown category SERVICE',
    });
  });
});

describe('templateStatusOf and statusReasonOf', () => {
  it('maps Meta events to catalog statuses', () => {
    expect(templateStatusOf('REINSTATED')).toBe('APPROVED');
    expect(templateStatusOf('PAUSED')).toBe('PAUSED');
    expect(templateStatusOf('FLAGGED')).toBeNull();
    expect(templateStatusOf('LOCKED')).toBeNull();
  });

  it('names the pause, else the reason; nothing for an approval, an unpause or NONE', () => {
    expect(statusReasonOf({ event: 'PAUSED', reason: 'NONE', otherInfo: { title: 'RATE_LIMITING_PAUSE', description: null } })).toBe('RATE_LIMITING_PAUSE');
    expect(statusReasonOf({ event: 'PAUSED', reason: 'NONE', otherInfo: null })).toBeNull();
    expect(statusReasonOf({ event: 'REJECTED', reason: 'SCAM', otherInfo: null })).toBe('SCAM');
    expect(statusReasonOf({ event: 'APPROVED', reason: 'NONE', otherInfo: { title: 'UNPAUSE', description: null } })).toBeNull();
    expect(statusReasonOf({ event: 'REINSTATED', reason: 'NONE', otherInfo: null })).toBeNull();
    expect(statusReasonOf({ event: 'DISABLED', reason: 'NONE', otherInfo: { title: 'DISABLED', description: null } })).toBe('DISABLED');
    expect(statusReasonOf({ event: 'PENDING_DELETION', reason: null, otherInfo: null })).toBeNull();
  });
});
