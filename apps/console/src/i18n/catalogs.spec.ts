// Both catalogs have the same keys, every explanation code, outcome, refusal reason, consent source
// and role has a sentence in both, and every literal key the pages use exists.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSENT_SOURCES, EXPLANATION_CODES, SKIP_REASONS } from '../lib/explanation.js';
import { OUTCOMES } from '../lib/outcome.js';
import { en } from './en.js';
import { it as italian } from './it.js';

const catalogs = { en: en as Record<string, string>, it: italian as Record<string, string> };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.tsx') ? [join(dir, e.name)] : [],
  );
}

describe('the console catalogs', () => {
  it('have the same keys and no empty sentence', () => {
    expect(Object.keys(catalogs.it).sort()).toEqual(Object.keys(catalogs.en).sort());
    for (const [lang, catalog] of Object.entries(catalogs)) {
      for (const [key, text] of Object.entries(catalog)) expect({ lang, key, empty: text.trim() === '' }).toEqual({ lang, key, empty: false });
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(catalogs.en)) expect({ key, it: placeholders(catalogs.it[key]) }).toEqual({ key, it: placeholders(catalogs.en[key]) });
  });

  it.each(Object.keys(catalogs))('%s explains every explanation code of the contract', (lang) => {
    const catalog = catalogs[lang as keyof typeof catalogs];
    const missing = EXPLANATION_CODES.filter((code) => !(`explain.${code}` in catalog));
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(catalogs))('%s names every outcome, refusal reason, consent source and role', (lang) => {
    const catalog = catalogs[lang as keyof typeof catalogs];
    const keys = [
      ...OUTCOMES.map((o) => `outcome.${o}`),
      ...SKIP_REASONS.map((r) => `reason.${r}`),
      ...CONSENT_SOURCES.map((s) => `source.${s}`),
      'role.admin',
      'role.support',
      'role.auditor',
    ];
    expect(keys.filter((k) => !(k in catalog))).toEqual([]);
  });

  it('has every literal key the pages ask for', () => {
    const root = join(process.cwd(), 'apps/console/src');
    const used = new Set<string>();
    for (const file of sources(root)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(100);
    const missing = [...used].filter((k) => !(k in catalogs.en) && !(`${k}_other` in catalogs.en));
    expect(missing).toEqual([]);
  });
});
