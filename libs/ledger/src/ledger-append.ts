import { sql, statement, verbatim, type Params, type Queryable, type SqlFragment } from '#sigillo/db';
import { toHex } from './bytes.js';
import { newSalts } from './entry.js';
import type { NewLedgerEntry } from './ledger-records.js';
import { subjectRef } from './subject.js';

/**
 * The one append path of the log: the only code that inserts into `ledger_entries` (a test holds
 * every other file to it). Entries come from the builders in ./entries (one per type and version)
 * and are appended *pending*: the sequencer gives them their place, salt-committed leaf and tree.
 *
 * Two ways in, one SQL text:
 *
 * - On its own, or inside a transaction (`withTransaction`'s `tx`, the pool, a DedicatedSession):
 *
 *       const ids = await LedgerAppender.append(tx, [configBindingSet({ … }), …]);
 *
 * - Inside a grouped statement that writes its own rows in the same round trip (the intake, the
 *   statuses, the send outcomes): the statement's parameters extend `EntryColumns`, are filled by
 *   `LedgerAppender.columns(entries)`, and one of its CTEs is `LedgerAppender.sql(p)`:
 *
 *       const RECORD = statement<MyColumns & EntryColumns>('sigillo-record-x', (p) => sql`
 *         WITH x AS (…), le AS (${LedgerAppender.sql(p)}) SELECT …`);
 *       await RECORD.run(pool, { …mine, ...LedgerAppender.columns(entries) });
 *
 *   With a scope, only the entries whose `ref` names a row the statement produced are appended
 *   (`LedgerAppender.columns(entries, refs)`, `LedgerAppender.sql(p, { rows: 'created', key: 'ord' })`):
 *   an intake repeated, a status already stored, a send already final gets no second entry.
 */

/** A grouped statement's entry parameters: one array element per entry, in append order. */
export interface EntryColumns {
  entryTypes: string[];
  /** ISO instants. */
  entryOccurredAt: string[];
  /** JSON text, parsed by PostgreSQL. */
  entryBodies: string[];
  /** Hex; the salt the leaf will commit to, drawn here. */
  entrySalts: string[];
  entryTenants: (string | null)[];
  /** Hex subject references (erasure finds the entry by it); null for entries about no one. */
  entrySubjects: (string | null)[];
}

/** Which row of the statement each entry belongs to (1-based): see EntryScope. */
export interface EntryRefs {
  entryRefs: number[];
}

/**
 * Entries appended only for the rows a CTE of the statement produced: `rows` is the CTE, `key` its
 * column that the entries' refs name, `id` (optional) its column holding ids drawn for the entries
 * (`reserveId`'s nextval, drawn where other rows must point at the entry before it exists).
 * All three are identifiers of the statement's own text, never input.
 */
export interface EntryScope {
  rows: string;
  key: string;
  id?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function identifier(name: string): ReturnType<typeof verbatim> {
  if (!IDENTIFIER.test(name)) throw new TypeError(`${name} is not a plain SQL identifier`);
  return verbatim(name);
}

function appendSql(p: Params<EntryColumns>): SqlFragment;
function appendSql(p: Params<EntryColumns & EntryRefs>, scope: EntryScope): SqlFragment;
function appendSql(p: Params<EntryColumns> | Params<EntryColumns & EntryRefs>, scope?: EntryScope): SqlFragment {
  const columns = sql`${p.entryTypes}::text[], ${p.entryOccurredAt}::timestamptz[], ${p.entryBodies}::jsonb[], ${p.entrySalts}::text[],
                ${p.entryTenants}::uuid[], ${p.entrySubjects}::text[]`;
  if (!scope) {
    return sql`INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref)
  SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex')
    FROM unnest(${columns}) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ord)
   ORDER BY u.ord`;
  }
  const rows = identifier(scope.rows);
  const key = identifier(scope.key);
  const [idColumn, idValue] = scope.id ? [verbatim(', id'), sql`, r.${identifier(scope.id)}`] : [verbatim(''), sql``];
  return sql`INSERT INTO ledger_entries (type, occurred_at, body, salt, tenant_id, subject_ref${idColumn})
  SELECT u.t, u.o, u.b, decode(u.s, 'hex'), u.tn, decode(u.sr, 'hex')${idValue}
    FROM unnest(${columns}, ${(p as Params<EntryRefs>).entryRefs}::bigint[]) WITH ORDINALITY AS u(t, o, b, s, tn, sr, ref, ord)
    JOIN ${rows} r ON r.${key} = u.ref
   ORDER BY u.ord`;
}

function columns(entries: readonly NewLedgerEntry[]): EntryColumns;
function columns(entries: readonly NewLedgerEntry[], refs: readonly number[]): EntryColumns & EntryRefs;
function columns(entries: readonly NewLedgerEntry[], refs?: readonly number[]): EntryColumns & Partial<EntryRefs> {
  if (refs && refs.length !== entries.length) throw new TypeError(`${entries.length} entries but ${refs.length} refs`);
  const salts = newSalts(entries.length);
  const out: EntryColumns & Partial<EntryRefs> = {
    entryTypes: entries.map((e) => e.type),
    entryOccurredAt: entries.map((e) => e.occurredAt.toISOString()),
    entryBodies: entries.map((e) => JSON.stringify(e.body)),
    entrySalts: salts.map(toHex),
    entryTenants: entries.map((e) => e.tenantId ?? null),
    entrySubjects: entries.map(subjectColumn),
  };
  if (refs) out.entryRefs = [...refs];
  return out;
}

function subjectColumn(e: NewLedgerEntry): string | null {
  if (!e.subjectPhone) return null;
  if (!e.tenantId) throw new TypeError(`a ${e.type} entry about a subject needs its tenant`);
  return toHex(subjectRef(e.tenantId, e.subjectPhone));
}

const APPEND = statement<EntryColumns, { id: string }>('sigillo-ledger-append', (p) => sql`${appendSql(p)} RETURNING id::text AS id`);

const APPEND_RESERVED = statement<EntryColumns & EntryRefs & { ids: string[] }, { id: string }>(
  'sigillo-ledger-append-reserved',
  (p) => sql`WITH reserved AS (SELECT * FROM unnest(${p.ids}::bigint[]) WITH ORDINALITY AS r(id, ord))
${appendSql(p, { rows: 'reserved', key: 'ord', id: 'id' })} RETURNING id::text AS id`,
);

const RESERVE_ID = statement<Record<string, never>, { id: string }>(
  'sigillo-ledger-reserve-id',
  () => sql`SELECT nextval(pg_get_serial_sequence('ledger_entries', 'id'))::text AS id`,
);

/** Appends entries as pending, in order; their ids (arrival order only, never log positions). */
async function append(db: Queryable, entries: readonly NewLedgerEntry[]): Promise<bigint[]> {
  if (entries.length === 0) return [];
  const rows = await APPEND.rows(db, columns(entries));
  return rows.map((r) => BigInt(r.id));
}

/**
 * An id for an entry appended later in the same transaction (`appendReserved`), for rows that must
 * point at the entry first (erasure's erased entries point at their subject.erased entry).
 */
async function reserveId(db: Queryable): Promise<bigint> {
  const [row] = await RESERVE_ID.rows(db, {});
  return BigInt(row.id);
}

/** Appends entries under ids drawn by `reserveId`, one id per entry. */
async function appendReserved(db: Queryable, entries: readonly { id: bigint; entry: NewLedgerEntry }[]): Promise<void> {
  if (entries.length === 0) return;
  await APPEND_RESERVED.run(db, {
    ...columns(
      entries.map((e) => e.entry),
      entries.map((_, i) => i + 1),
    ),
    ids: entries.map((e) => e.id.toString()),
  });
}

/** See the top of this file: `append` on its own, `columns` + `sql` inside a grouped statement. */
export const LedgerAppender = {
  append,
  reserveId,
  appendReserved,
  columns,
  sql: appendSql,
} as const;
