import { compile, sql, statement, verbatim } from './sql.js';
import { beginStatement } from './transaction.js';

describe('sql statements', () => {
  it('numbers named parameters in order of first use', () => {
    const s = statement<{ tenantId: string; phone: string }, { id: string }>(
      'spec-numbering',
      (p) => sql`SELECT id FROM consents WHERE tenant_id = ${p.tenantId} AND phone = ${p.phone}`,
    );
    expect(s.text).toBe('SELECT id FROM consents WHERE tenant_id = $1 AND phone = $2');
    expect(s.values({ phone: '+39', tenantId: 't' })).toEqual(['t', '+39']);
  });

  it('gives a parameter used twice one position', () => {
    const s = statement<{ id: string; attempt: number }>('spec-reuse', (p) => sql`${p.id} ${p.attempt} ${p.id}::text`);
    expect(s.text).toBe('$1 $2 $1::text');
    expect(s.values({ id: 'a', attempt: 2 })).toEqual(['a', 2]);
  });

  it('splices fragments with their parameters, and verbatim text as it is', () => {
    const where = (p: { tenantId: unknown }) => sql`tenant_id = ${p.tenantId as never}`;
    const s = statement<{ limit: number; tenantId: string }>(
      'spec-fragments',
      (p) => sql`SELECT ${verbatim("CASE x WHEN 'a' THEN 1 END")} FROM t WHERE ${where(p)} LIMIT ${p.limit}`,
    );
    expect(s.text).toBe("SELECT CASE x WHEN 'a' THEN 1 END FROM t WHERE tenant_id = $1 LIMIT $2");
    expect(s.values({ limit: 5, tenantId: 't' })).toEqual(['t', 5]);
  });

  it('passes undefined through as it came (pg sends it as NULL)', () => {
    const s = statement<{ a: string | null; b?: string }>('spec-missing', (p) => sql`${p.a} ${p.b}`);
    expect(s.values({ a: null })).toEqual([null, undefined]);
  });

  it('keeps a statement name to one text: pg would run the other text under it', () => {
    statement('spec-unique', () => sql`SELECT 1`);
    expect(() => statement('spec-unique', () => sql`SELECT 1`)).not.toThrow();
    expect(() => statement('spec-unique', () => sql`SELECT 2`)).toThrow(/spec-unique is already used for another text/);
  });

  it('runs as a named prepared statement, or unnamed when asked', () => {
    const named = statement<{ id: string }>('spec-named', (p) => sql`SELECT ${p.id}`);
    const unnamed = statement<{ id: string }>('spec-unnamed', (p) => sql`SELECT ${p.id}`, { prepared: false });
    expect(named.config({ id: 'a' })).toEqual({ name: 'spec-named', text: 'SELECT $1', values: ['a'] });
    expect(unnamed.config({ id: 'a' })).toEqual({ text: 'SELECT $1', values: ['a'] });
  });

  it('compiles a fragment with no parameters to its text', () => {
    expect(compile(sql`SELECT 1`)).toEqual({ text: 'SELECT 1', names: [] });
  });
});

describe('beginStatement', () => {
  it.each([
    [{}, 'BEGIN'],
    [{ isolation: 'REPEATABLE READ' as const }, 'BEGIN ISOLATION LEVEL REPEATABLE READ'],
    [{ isolation: 'SERIALIZABLE' as const, readOnly: true }, 'BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY'],
    [{ readOnly: true }, 'BEGIN READ ONLY'],
  ])('%j → %s', (options, text) => expect(beginStatement(options)).toBe(text));
});
