import { Injectable } from '@nestjs/common';
import { sql, statement } from '#sigillo/db';
import { configHistoryPage, type HistoryEntry } from '#sigillo/ledger';
import { PgPool } from '#sigillo/platform';

export type HistoryRow = HistoryEntry;

const STAFF_LABELS = statement<{ ids: string[] }, { id: string; label: string }>(
  'sigillo-console-staff-labels',
  (p) => sql`SELECT id::text AS id, display_name || ' <' || email || '>' AS label FROM staff_accounts WHERE id = ANY(${p.ids}::uuid[])`,
);

const KEY_LABELS = statement<{ ids: string[] }, { id: string; label: string }>(
  'sigillo-console-key-labels',
  (p) => sql`SELECT id::text AS id, CASE WHEN label = '' THEN role::text || ' key' ELSE label END AS label FROM api_keys WHERE id = ANY(${p.ids}::uuid[])`,
);

@Injectable()
export class ConsoleHistoryRepository {
  constructor(private readonly pool: PgPool) {}

  page(tenantId: string, before: string | null, limit: number): Promise<HistoryRow[]> {
    return configHistoryPage(this.pool, tenantId, before, limit);
  }

  /** Display names of staff accounts and labels of keys, by `kind:id`. */
  async labels(staffIds: string[], keyIds: string[]): Promise<Map<string, string>> {
    const [staff, keys] = await Promise.all([
      staffIds.length ? STAFF_LABELS.rows(this.pool, { ids: staffIds }) : [],
      keyIds.length ? KEY_LABELS.rows(this.pool, { ids: keyIds }) : [],
    ]);
    return new Map([...staff.map((s) => [`staff:${s.id}`, s.label] as const), ...keys.map((k) => [`api_key:${k.id}`, k.label] as const)]);
  }
}
