import { sql, statement, type Queryable } from '#sigillo/db';
import { ERASED_BODY } from './entry.js';
import { subjectRef } from './subject.js';

// Crypto-shredding, the one change an entry undergoes after it is appended (and sequenced): its
// salt and body go, its leaf hash (and so the tree) stays. Kept with the log so that no file
// outside libs/ledger writes ledger_entries.

const LOCK_SUBJECT_ENTRIES = statement<{ ref: Buffer }, { id: string; seq: string | null }>(
  'sigillo-ledger-lock-subject-entries',
  (p) => sql`SELECT id::text AS id, seq::text AS seq FROM ledger_entries WHERE subject_ref = ${p.ref} ORDER BY id FOR UPDATE`,
);

const SHRED = statement<{ ids: string[]; body: string; erasedBy: string }>(
  'sigillo-ledger-shred',
  (p) => sql`UPDATE ledger_entries SET salt = NULL, body = ${p.body}::jsonb, subject_ref = NULL, erased_at = now(), erased_by = ${p.erasedBy}::bigint
              WHERE id = ANY(${p.ids}::bigint[])`,
);

const SEQ_OF = statement<{ id: string }, { seq: string | null }>(
  'sigillo-ledger-seq-of',
  (p) => sql`SELECT seq::text AS seq FROM ledger_entries WHERE id = ${p.id}::bigint`,
);

/** The entries about one subject (a number within a tenant), locked for the transaction `db` runs, in id order. */
export async function lockSubjectEntries(db: Queryable, tenantId: string, phone: string): Promise<{ id: bigint; seq: bigint | null }[]> {
  const rows = await LOCK_SUBJECT_ENTRIES.rows(db, { ref: Buffer.from(subjectRef(tenantId, phone)) });
  return rows.map((r) => ({ id: BigInt(r.id), seq: r.seq === null ? null : BigInt(r.seq) }));
}

/** Shreds these entries, pointing each at the subject.erased entry `erasedBy` that records it. */
export async function shredEntries(db: Queryable, ids: readonly bigint[], erasedBy: bigint): Promise<number> {
  if (ids.length === 0) return 0;
  return SHRED.run(db, { ids: ids.map(String), body: JSON.stringify(ERASED_BODY), erasedBy: erasedBy.toString() });
}

/** The seq an entry got, once the sequencer placed it (null before, or for no such entry). */
export async function seqOfEntry(db: Queryable, id: bigint): Promise<bigint | null> {
  const [row] = await SEQ_OF.rows(db, { id: id.toString() });
  return row?.seq ? BigInt(row.seq) : null;
}
