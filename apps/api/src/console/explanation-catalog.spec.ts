// The console (apps/console) translates every explanation code this api emits, in Italian and
// English: each entry type's example, every refusal, status, failure kind and consent source.
// eslint-disable-next-line no-restricted-imports -- the console's catalogs are an app's files, read here to hold the two apps to one list
import { EXPLANATION_CODES } from '../../../console/src/lib/explanation.js';
// eslint-disable-next-line no-restricted-imports -- as above
import { en } from '../../../console/src/i18n/en.js';
// eslint-disable-next-line no-restricted-imports -- as above
import { it as italian } from '../../../console/src/i18n/it.js';
import { ENTRY_DEFINITIONS, entryTypeName, SKIP_REASONS } from '#sigillo/ledger';
import { ERASURE_KEEPS } from './console-input.js';
import { explainEntry } from './explanation.js';

function emitted(): string[] {
  const codes = new Set<string>();
  const add = (type: string, body: Record<string, unknown>) => codes.add(explainEntry(type, body).code);
  for (const def of ENTRY_DEFINITIONS) add(entryTypeName(def.name, def.version), def.example as Record<string, unknown>);
  for (const reason of SKIP_REASONS) add('notification.decided', { decision: 'SKIP', reason });
  add('notification.decided', { decision: 'SEND' });
  for (const status of ['sent', 'delivered', 'read', 'failed']) add('message.status', { status, statusObject: {} });
  for (const kind of ['permanent', 'transient', 'auth']) add('message.failed', { error: { kind, title: 'x' } });
  for (const source of ['passweb-checkout', 'staff', 'whatsapp-keyword', 'meta-user-preferences', 'meta-error-131050']) {
    for (const action of ['opt_in', 'opt_out']) add('consent.changed', { action, source, category: 'marketing' });
  }
  add('message.status', { erased: true });
  return [...codes].sort();
}

describe('explanation codes and the console catalogs', () => {
  it('every code the api emits is one the console knows, with an Italian and an English sentence', () => {
    const codes = emitted();
    expect(codes.length).toBeGreaterThan(25);
    expect(codes.filter((c) => !EXPLANATION_CODES.includes(c))).toEqual([]);
    expect(codes.filter((c) => !(`explain.${c}` in en) || !(`explain.${c}` in italian))).toEqual([]);
  });

  it('every part an erasure keeps is explained in both languages', () => {
    expect(ERASURE_KEEPS.filter((k) => !(`erasure.keep.${k}` in en) || !(`erasure.keep.${k}` in italian))).toEqual([]);
  });
});
