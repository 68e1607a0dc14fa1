import { checkDays, checkErasureConfirm, checkNewApiKey, checkStaffConsent, checkUuid } from './console-input.js';
import { consentSourceKind } from './consent-source.js';
import { historyItem } from './history.js';
import { daysBetween, overviewDays, periodStart } from './overview.js';

describe('the console forms', () => {
  it('a consent by staff: category, state and an optional note', () => {
    expect(checkStaffConsent({ category: 'marketing', state: 'opt_out', note: '  by phone ' })).toEqual({
      ok: true,
      value: { category: 'marketing', action: 'opt_out', note: 'by phone' },
    });
    expect(checkStaffConsent({ category: 'all', state: 'opt_in', note: ' ' })).toEqual({ ok: true, value: { category: 'all', action: 'opt_in' } });
    expect(checkStaffConsent({ category: 'sms', state: 'maybe', note: 5, by: 'me' })).toEqual({
      ok: false,
      errors: [
        { field: 'by', message: 'is not a field of a consent' },
        { field: 'category', message: 'must be one of marketing, utility, authentication, all' },
        { field: 'state', message: 'must be opt_in or opt_out' },
        { field: 'note', message: 'must be text of at most 500 characters' },
      ],
    });
    expect(checkStaffConsent([])).toEqual({ ok: false, errors: [{ field: 'body', message: 'must be a JSON object' }] });
  });

  it('an erasure: the identifier repeated exactly', () => {
    expect(checkErasureConfirm({ confirm: '+393331234567' }, '+393331234567')).toEqual({ ok: true, value: true });
    for (const body of [{ confirm: '393331234567' }, {}, null, { confirm: '+393331234567', force: true }])
      expect(checkErasureConfirm(body, '+393331234567').ok).toBe(false);
  });

  it('an API key: a role and a label', () => {
    expect(checkNewApiKey({ role: 'passweb', label: ' shop ' })).toEqual({ ok: true, value: { role: 'passweb', label: 'shop' } });
    expect(checkNewApiKey({ role: 'passweb' })).toEqual({ ok: true, value: { role: 'passweb', label: '' } });
    expect(checkNewApiKey({ role: 'root', label: 'x'.repeat(121) })).toEqual({
      ok: false,
      errors: [
        { field: 'role', message: 'must be one of passweb, auditor, admin' },
        { field: 'label', message: 'must be text of at most 120 characters' },
      ],
    });
  });

  it('ids and days', () => {
    expect(checkUuid('0B6C2A9E-57D4-4F4E-8C1E-2F0A5B7D9C31', 'id')).toEqual({ ok: true, value: '0b6c2a9e-57d4-4f4e-8c1e-2f0a5b7d9c31' });
    expect(checkUuid('x', 'id')).toEqual({ ok: false, errors: [{ field: 'id', message: 'must be a UUID' }] });
    expect(checkDays(undefined)).toEqual({ ok: true, value: 30 });
    expect(checkDays('7')).toEqual({ ok: true, value: 7 });
    for (const bad of ['0', '367', '1.5', 'week', ['7']]) expect(checkDays(bad).ok).toBe(false);
  });
});

describe('consent sources', () => {
  it('maps what the log stores to what the console names', () => {
    expect(['staff', 'whatsapp-keyword', 'meta-user-preferences', 'meta-error-131050', 'passweb-checkout', ''].map(consentSourceKind)).toEqual([
      'staff',
      'stop_message',
      'preference_webhook',
      'error_131050',
      'api',
      'api',
    ]);
  });
});

describe('the history', () => {
  const at = new Date('2026-12-02T10:00:00.000Z');
  it('names the actor with its label and keeps the non-personal fields', () => {
    const item = historyItem(
      {
        seq: 7,
        recordedAt: at,
        type: 'config.binding_set',
        body: { tenantId: 't', actor: { kind: 'staff', id: 'a1' }, eventType: 'message.sent', binding: { templates: [{ name: 'x', language: 'it' }] } },
      },
      (kind, id) => `${kind}/${id}`,
    );
    expect(item).toEqual({
      seq: 7,
      at: at.toISOString(),
      type: 'config.binding_set',
      actor: { kind: 'staff', id: 'a1', label: 'staff/a1' },
      summary: { eventType: 'message.sent', templates: 'x/it' },
      explanation: expect.objectContaining({ code: 'config.binding_set' }),
    });
  });

  it('shows a consent by staff without the phone or the evidence', () => {
    const item = historyItem(
      {
        seq: null,
        recordedAt: at,
        type: 'consent.changed/v2',
        body: {
          consentId: 'c',
          phone: '+393331234567',
          category: 'marketing',
          action: 'opt_in',
          source: 'staff',
          evidence: { recordedBy: { kind: 'staff', id: 's1' }, note: 'secret note' },
        },
      },
      () => null,
    );
    expect(item.actor).toEqual({ kind: 'staff', id: 's1', label: null });
    expect(item.summary).toEqual({ consentId: 'c', category: 'marketing', action: 'opt_in', source: 'staff' });
    expect(JSON.stringify(item)).not.toMatch(/393|secret note/);
  });
});

describe('the overview days', () => {
  const now = new Date('2026-12-02T15:00:00.000Z');
  it('covers every day of the period, zeros included', () => {
    const since = periodStart(3, now);
    expect(since).toEqual(new Date('2026-11-30T00:00:00.000Z'));
    expect(daysBetween(since, now)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(
      overviewDays(
        ['2026-12-01', '2026-12-02'],
        [{ day: '2026-12-02', sent: 1, delivered: 2, read: 3, failed: 4, pending: 5 }],
        [{ day: '2026-12-02', reason: 'OPTED_OUT', n: 6 }],
      ),
    ).toEqual([
      { day: '2026-12-01', sent: 0, delivered: 0, read: 0, failed: 0, pending: 0, refused: {} },
      { day: '2026-12-02', sent: 1, delivered: 2, read: 3, failed: 4, pending: 5, refused: { OPTED_OUT: 6 } },
    ]);
  });
});
