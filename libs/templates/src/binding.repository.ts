import { Injectable } from '@nestjs/common';
import { sql, statement } from '#sigillo/db';
import { configBindingSet, LedgerAppender, type EntryColumns, type EntryRefs, type LedgerActor } from '#sigillo/ledger';
import { PgPool } from '#sigillo/platform';
import type { Binding } from './binding.js';

// The binding and its config.binding_set entry (who set it) in one statement: the ledger shows
// which binding was in force from when, and who set it.
const UPSERT = statement<{ tenantId: string; eventType: string; definition: string } & EntryColumns & EntryRefs>(
  'sigillo-binding-upsert',
  (p) => sql`
WITH b AS (
  INSERT INTO bindings (tenant_id, event_type, definition, updated_at) VALUES (${p.tenantId}::uuid, ${p.eventType}, ${p.definition}::jsonb, now())
  ON CONFLICT (tenant_id, event_type) DO UPDATE SET definition = EXCLUDED.definition, updated_at = now()
  RETURNING 1::bigint AS ref
)
${LedgerAppender.sql(p, { rows: 'b', key: 'ref' })}`,
);

const LIST = statement<{ tenantId: string }, { definition: unknown }>(
  'sigillo-binding-list',
  (p) => sql`SELECT definition FROM bindings WHERE tenant_id = ${p.tenantId}::uuid ORDER BY event_type`,
);

@Injectable()
export class BindingRepository {
  constructor(private readonly pool: PgPool) {}

  async upsert(tenantId: string, binding: Binding, actor: LedgerActor): Promise<void> {
    const entry = configBindingSet({ tenantId, actor, eventType: binding.eventType, binding: binding as unknown as Record<string, never> });
    await UPSERT.run(this.pool, { tenantId, eventType: binding.eventType, definition: JSON.stringify(binding), ...LedgerAppender.columns([entry], [1]) });
  }

  async list(tenantId: string): Promise<Binding[]> {
    const rows = await LIST.rows(this.pool, { tenantId });
    return rows.map((r) => r.definition as Binding);
  }
}
