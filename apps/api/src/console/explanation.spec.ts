import { ENTRY_DEFINITIONS, entryTypeName, SKIP_REASONS } from '#sigillo/ledger';
import { explainEntry } from './explanation.js';

describe('explanation codes', () => {
  it('gives every entry type of the log a code, and never a phone number or a name', () => {
    for (const def of ENTRY_DEFINITIONS) {
      const e = explainEntry(entryTypeName(def.name, def.version), def.example as Record<string, unknown>);
      expect(e.code).toMatch(/^[a-zA-Z_.0-9]+$/);
      expect(e.code).not.toBe('entry.other');
      expect(JSON.stringify(e.params)).not.toMatch(/\+39|393|Maria|Rossi|wamid/);
    }
  });

  it('names each refusal by its reason, with the template concerned', () => {
    for (const reason of SKIP_REASONS) {
      expect(
        explainEntry('notification.decided', { decision: 'SKIP', reason, template: { name: 't', language: 'it', category: 'MARKETING', status: 'APPROVED' } }),
      ).toEqual({
        code: `refused.${reason}`,
        params: { template: 't', language: 'it', category: 'MARKETING', templateStatus: 'APPROVED' },
      });
    }
    expect(explainEntry('notification.decided/v2', { decision: 'SEND' }).code).toBe('decided.send');
  });

  it("carries Meta's error and pricing of a status", () => {
    const failed = { status: 'failed', statusObject: { errors: [{ code: 131049, title: 'Message not delivered', error_data: { details: 'ecosystem' } }] } };
    expect(explainEntry('message.status', failed)).toEqual({
      code: 'status.failed',
      params: { errorCode: 131049, errorTitle: 'Message not delivered', errorDetails: 'ecosystem', pricingCategory: null, billable: null },
    });
    const sent = { status: 'sent', statusObject: { pricing: { category: 'utility', billable: true } } };
    expect(explainEntry('message.status', sent).params).toMatchObject({ pricingCategory: 'utility', billable: 'true' });
  });

  it('names a failed send by its kind', () => {
    expect(explainEntry('message.failed/v2', { attempt: 2, error: { kind: 'permanent', code: 131026, title: 'Undeliverable', details: null } })).toEqual({
      code: 'failed.permanent',
      params: { attempt: 2, errorCode: 131026, errorTitle: 'Undeliverable', errorDetails: null },
    });
  });

  it('names where a consent change came from', () => {
    const cases: [string, string, string][] = [
      ['opt_in', 'passweb-checkout', 'consent.optIn.api'],
      ['opt_in', 'staff', 'consent.optIn.staff'],
      ['opt_out', 'whatsapp-keyword', 'consent.optOut.stop_message'],
      ['opt_out', 'meta-user-preferences', 'consent.optOut.preference_webhook'],
      ['opt_out', 'meta-error-131050', 'consent.optOut.error_131050'],
    ];
    for (const [action, source, code] of cases)
      expect(explainEntry('consent.changed/v2', { action, source, category: 'marketing' })).toEqual({ code, params: { category: 'marketing' } });
  });

  it('says an erased entry was erased, and names an unknown type', () => {
    expect(explainEntry('message.status', { erased: true })).toEqual({ code: 'entry.erased', params: {} });
    expect(explainEntry('future.thing', {})).toEqual({ code: 'entry.other', params: { type: 'future.thing' } });
  });

  it('names the actor of a configuration change', () => {
    expect(explainEntry('config.binding_set', { actor: { kind: 'staff', id: 'a1' }, eventType: 'order.status_changed' }).params).toMatchObject({
      actorKind: 'staff',
      actorId: 'a1',
      eventType: 'order.status_changed',
    });
  });
});
