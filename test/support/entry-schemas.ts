import pg from 'pg';
import { checkEntryBody, describeProblems } from '#sigillo/ledger';

/**
 * Every stored entry (pending ones too, erased ones excepted: their body is gone by design) held
 * to the schema of its type: one line per entry that breaks it. [] when the run wrote only
 * entries that match their definitions.
 */
export async function entriesBreakingSchema(db: Pick<pg.Client, 'query'>): Promise<string[]> {
  const { rows } = await db.query<{ id: string; seq: string | null; type: string; body: unknown }>(
    'SELECT id::text AS id, seq::text AS seq, type, body FROM ledger_entries WHERE erased_at IS NULL ORDER BY id',
  );
  const out: string[] = [];
  for (const r of rows) {
    const problems = checkEntryBody(r.type, r.body);
    if (problems.length > 0) out.push(`${r.seq === null ? `pending entry id ${r.id}` : `entry ${r.seq}`} (${r.type}): ${describeProblems(problems)}`);
  }
  return out;
}
