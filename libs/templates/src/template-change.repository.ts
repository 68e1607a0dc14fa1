import { Injectable } from '@nestjs/common';
import { sql, statement, withTransaction, type Params, type SqlFragment } from '#sigillo/db';
import { LedgerAppender } from '#sigillo/ledger';
import type { NewLedgerEntry } from '#sigillo/ledger';
import { PgPool } from '#sigillo/platform';

/** A change Meta reported, as stored: keyed once, applied when newest, ledgered once. */
export interface TemplateChangeRecord {
  tenantId: string;
  name: string;
  language: string;
  field: 'status' | 'quality' | 'category';
  event: string;
  metaTime: Date;
  /** Its entry, given whether the catalog took it. */
  entry: (applied: boolean) => NewLedgerEntry;
}

type P = Params<ChangeParams>;

interface ChangeParams {
  tenantId: string;
  name: string;
  language: string;
  field: string;
  event: string;
  metaTime: Date;
  // Only the statements that update these read them; every statement is given all of them.
  status: string | null;
  statusReason: string | null;
  score: string | null;
  category: string | null;
  effectiveAt: Date | null;
}

// One statement per change: the key row (a re-delivery inserts nothing and so changes nothing) and
// the catalog update when no change Meta timed later is in it. Its entry, which says whether the
// catalog took it, follows in the same transaction. `set` is the update of each field, a constant
// of this file.
const recordChange = (name: string, set: (p: P) => SqlFragment, newer: 'status_at' | 'quality_at' | 'category_at') =>
  statement<ChangeParams, { created: number; applied: number }>(
    name,
    (p) => sql`
WITH c AS (
  INSERT INTO template_changes (tenant_id, name, language, field, event, meta_time)
  VALUES (${p.tenantId}, ${p.name}, ${p.language}, ${p.field}, ${p.event}, ${p.metaTime})
  ON CONFLICT DO NOTHING
  RETURNING 1
), u AS (
  UPDATE templates SET ${set(p)}
   WHERE EXISTS (SELECT 1 FROM c) AND tenant_id = ${p.tenantId} AND name = ${p.name} AND language = ${p.language}
     AND ${sqlNewer(newer, p)}
  RETURNING 1
)
SELECT (SELECT count(*) FROM c)::int AS created, (SELECT count(*) FROM u)::int AS applied`,
  );

function sqlNewer(column: 'status_at' | 'quality_at' | 'category_at', p: P): SqlFragment {
  // The column names are this file's constants; only the time is a parameter.
  if (column === 'status_at') return sql`(status_at IS NULL OR status_at <= ${p.metaTime}) AND ${p.status}::text IS NOT NULL`;
  if (column === 'quality_at') return sql`(quality_at IS NULL OR quality_at <= ${p.metaTime})`;
  return sql`(category_at IS NULL OR category_at <= ${p.metaTime})`;
}

const RECORD_STATUS = recordChange(
  'sigillo-template-change-status',
  (p) => sql`status = ${p.status}, status_reason = ${p.statusReason}, status_at = ${p.metaTime}`,
  'status_at',
);
const RECORD_QUALITY = recordChange('sigillo-template-change-quality', (p) => sql`quality_score = ${p.score}, quality_at = ${p.metaTime}`, 'quality_at');
// A completed change is the category itself and settles any announcement of it; an impending one
// waits in pending_category until its time (categoryInForce).
const RECORD_CATEGORY = recordChange(
  'sigillo-template-change-category',
  (p) => sql`category = ${p.category}, category_at = ${p.metaTime},
       pending_category = CASE WHEN pending_category = ${p.category} THEN NULL ELSE pending_category END,
       pending_category_at = CASE WHEN pending_category = ${p.category} THEN NULL ELSE pending_category_at END`,
  'category_at',
);
const RECORD_IMPENDING_CATEGORY = recordChange(
  'sigillo-template-change-impending-category',
  (p) => sql`pending_category = ${p.category}, pending_category_at = ${p.effectiveAt}, category_at = ${p.metaTime}`,
  'category_at',
);

@Injectable()
export class TemplateChangeRepository {
  constructor(private readonly pool: PgPool) {}

  /**
   * Stores one change: `created` false for a re-delivery (nothing written), `applied` false when the
   * catalog did not take it (no such template, or a change Meta timed later is already in it).
   */
  async record(
    change: TemplateChangeRecord,
    update: { status?: string | null; statusReason?: string | null; score?: string; category?: string; impending?: boolean; effectiveAt?: Date },
  ): Promise<{ created: boolean; applied: boolean }> {
    const params: ChangeParams = {
      tenantId: change.tenantId,
      name: change.name,
      language: change.language,
      field: change.field,
      event: change.event,
      metaTime: change.metaTime,
      status: update.status ?? null,
      statusReason: update.statusReason ?? null,
      score: update.score ?? null,
      category: update.category ?? null,
      effectiveAt: update.effectiveAt ?? null,
    };
    const run =
      change.field === 'status' ? RECORD_STATUS : change.field === 'quality' ? RECORD_QUALITY : update.impending ? RECORD_IMPENDING_CATEGORY : RECORD_CATEGORY;
    return withTransaction(this.pool, async (tx) => {
      const [row] = await run.rows(tx, params);
      const result = { created: row.created > 0, applied: row.applied > 0 };
      if (result.created) await LedgerAppender.append(tx, [change.entry(result.applied)]);
      return result;
    });
  }
}
