import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '#sigillo/platform';
import { ledgerSchema, ledgerSchemaIndex } from './ledger-schemas.js';

describe('the served ledger entry schemas', () => {
  it('index every type and version, each schema the one in docs/schemas/ledger', () => {
    const index = ledgerSchemaIndex();
    expect(index.entries.map((e) => e.type)).toEqual([
      'event.received',
      'event.received/v2',
      'notification.decided',
      'notification.decided/v2',
      'message.submitted',
      'message.submitted/v2',
      'message.failed',
      'message.failed/v2',
      'message.status',
      'consent.changed',
      'consent.changed/v2',
      'contact.number_changed',
      'template.status_changed',
      'template.status_changed/v2',
      'template.quality_changed',
      'template.category_changed',
      'subject.erased',
      'config.binding_set',
      'config.api_key_created',
      'config.api_key_revoked',
      'config.staff_account_created',
      'config.staff_account_disabled',
      'config.tenant_setting_changed',
      'config.erasure_ordered',
    ]);
    for (const e of index.entries) {
      const [, , , , name, version] = e.schema.split('/');
      const file = JSON.parse(readFileSync(join(repoRoot(), `docs/schemas/ledger/${e.name}.v${e.version}.json`), 'utf8'));
      expect(ledgerSchema(name, version)).toEqual(file);
    }
  });

  it('find nothing for an unknown type or a malformed version', () => {
    expect(ledgerSchema('message.sent', '1')).toBeNull();
    expect(ledgerSchema('message.status', '2')).toBeNull();
    expect(ledgerSchema('message.status', 'v1')).toBeNull();
    expect(ledgerSchema('message.status', '01')).toBeNull();
    expect(ledgerSchema('__proto__', '1')).toBeNull();
  });
});
