import { compile, sql, statement, type Params } from '#sigillo/db';
import { toHex } from './bytes.js';
import { LedgerAppender, type EntryColumns, type EntryRefs } from './ledger-append.js';
import type { NewLedgerEntry } from './ledger-records.js';
import { subjectRef } from './subject.js';

const TENANT = '6f1c2a4e-8d3b-4c55-9a10-0b7e2f3d4c5a';
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

const entry = (over: Partial<NewLedgerEntry> = {}): NewLedgerEntry => ({
  tenantId: TENANT,
  type: 'template.status_changed',
  occurredAt: new Date('2026-12-02T10:00:00.000Z'),
  body: { a: 1 },
  ...over,
});

describe('LedgerAppender.columns', () => {
  it('gives each entry about a subject its reference, and null to the others', () => {
    const cols = LedgerAppender.columns([entry({ subjectPhone: '+393331234567', type: 'event.received' }), entry()]);
    expect(cols.entrySubjects).toEqual([toHex(subjectRef(TENANT, '+393331234567')), null]);
  });

  it('refuses a subject without its tenant: a phone number only means someone within one', () => {
    expect(() => LedgerAppender.columns([entry({ tenantId: undefined, subjectPhone: '+393331234567', type: 'consent.changed' })])).toThrow(/tenant/);
  });

  it('lays out type, time, body text, a fresh 32-byte salt and the tenant per entry, in order', () => {
    const cols = LedgerAppender.columns([entry(), entry({ tenantId: null, body: { b: 'x' }, type: 'event.received' })]);
    expect(cols.entryTypes).toEqual(['template.status_changed', 'event.received']);
    expect(cols.entryOccurredAt).toEqual(['2026-12-02T10:00:00.000Z', '2026-12-02T10:00:00.000Z']);
    expect(cols.entryBodies).toEqual(['{"a":1}', '{"b":"x"}']);
    expect(cols.entryTenants).toEqual([TENANT, null]);
    expect(cols.entrySalts).toHaveLength(2);
    for (const salt of cols.entrySalts) expect(salt).toMatch(/^[0-9a-f]{64}$/);
    expect(cols.entrySalts[0]).not.toEqual(cols.entrySalts[1]);
    expect('entryRefs' in cols).toBe(false);
  });

  it('carries the refs of a scoped append, one per entry', () => {
    expect(LedgerAppender.columns([entry(), entry()], [2, 5]).entryRefs).toEqual([2, 5]);
    expect(() => LedgerAppender.columns([entry()], [1, 2])).toThrow(/1 entries but 2 refs/);
  });

  it('is empty for no entries', () => {
    expect(LedgerAppender.columns([])).toEqual({ entryTypes: [], entryOccurredAt: [], entryBodies: [], entrySalts: [], entryTenants: [], entrySubjects: [] });
  });
});

describe('LedgerAppender.sql', () => {
  it('appends every entry, in order, with named parameters', () => {
    const { text, names } = compile(sql`WITH le AS (${LedgerAppender.sql(slots())}) SELECT 1`);
    expect(flat(text)).toBe(
      flat(`WITH le AS (INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
        SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex')
          FROM unnest($1::text[], $2::timestamptz[], $3::jsonb[], $4::text[], $5::uuid[], $6::text[]) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ord)
         ORDER BY u.ord) SELECT 1`),
    );
    expect(names).toEqual(['entryTypes', 'entryOccurredAt', 'entryBodies', 'entrySalts', 'entryTenants', 'entrySubjects']);
  });

  it('with a scope, appends only the entries whose ref names a row of the scope, taking ids from it when told', () => {
    const scoped = compile(LedgerAppender.sql({ ...slots(), entryRefs: { param: 'entryRefs' } }, { rows: 'created', key: 'ord' })).text;
    expect(flat(scoped)).toContain(
      'unnest($1::text[], $2::timestamptz[], $3::jsonb[], $4::text[], $5::uuid[], $6::text[], $7::bigint[]) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ref, ord)',
    );
    expect(flat(scoped)).toContain('JOIN created r ON r.ord = u.ref ORDER BY u.ord');
    expect(flat(scoped)).toContain('(type, occurred_at, body, salt, tenant_id, subject_ref)');
    const withIds = compile(LedgerAppender.sql({ ...slots(), entryRefs: { param: 'entryRefs' } }, { rows: 'c', key: 'ord', id: 'ledger_entry_id' })).text;
    expect(flat(withIds)).toContain(
      "(type, occurred_at, body, salt, tenant_id, subject_ref, id) SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex'), r.ledger_entry_id",
    );
  });

  it('refuses a scope that is not a plain identifier: it is spliced into the text', () => {
    const p = { ...slots(), entryRefs: { param: 'entryRefs' } };
    expect(() => LedgerAppender.sql(p, { rows: 'x; DROP TABLE y', key: 'ord' })).toThrow(/identifier/);
    expect(() => LedgerAppender.sql(p, { rows: 'x', key: 'Ord' })).toThrow(/identifier/);
    expect(() => LedgerAppender.sql(p, { rows: 'x', key: 'ord', id: 'a.b' })).toThrow(/identifier/);
  });

  it('composes into a statement whose values follow the columns', () => {
    const s = statement<EntryColumns & EntryRefs & { extra: string }>(
      'ledger-append-spec',
      (p) => sql`WITH a AS (SELECT ${p.extra}), le AS (${LedgerAppender.sql(p, { rows: 'a', key: 'ord' })}) SELECT 1`,
    );
    const cols = LedgerAppender.columns([entry()], [1]);
    expect(s.values({ ...cols, extra: 'x' })).toEqual([
      'x',
      cols.entryTypes,
      cols.entryOccurredAt,
      cols.entryBodies,
      cols.entrySalts,
      cols.entryTenants,
      cols.entrySubjects,
      [1],
    ]);
  });
});

function slots(): Params<EntryColumns> {
  const names: (keyof EntryColumns)[] = ['entryTypes', 'entryOccurredAt', 'entryBodies', 'entrySalts', 'entryTenants', 'entrySubjects'];
  return Object.fromEntries(names.map((n) => [n, { param: n }])) as unknown as Params<EntryColumns>;
}
