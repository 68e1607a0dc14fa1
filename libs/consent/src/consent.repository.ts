import { Injectable } from '@nestjs/common';
import { PgPool } from '../../platform/src/pg-pool.service.js';
import { ConsentAction, ConsentCategory, ConsentView, NO_CONSENT } from './consent.js';

@Injectable()
export class ConsentRepository {
  constructor(private readonly pool: PgPool) {}

  /** The latest change per category for one recipient (latest by when it happened, then recorded). */
  async view(tenantId: string, phone: string): Promise<ConsentView> {
    // Read for every event: plain pg, a prepared statement.
    const { rows } = await this.pool.query<{ category: ConsentCategory; action: ConsentAction; id: string; seq: string | null }>({
      name: 'sigillo-consent-view',
      text: `SELECT DISTINCT ON (c.category) c.category, c.action, c.id::text AS id, e.seq::text AS seq
               FROM consents c LEFT JOIN ledger_entries e ON e.id = c.ledger_entry_id
              WHERE c.tenant_id = $1 AND c.phone = $2
              ORDER BY c.category, c.occurred_at DESC, c.recorded_at DESC`,
      values: [tenantId, phone],
    });
    const view: ConsentView = { ...NO_CONSENT };
    for (const r of rows) view[r.category] = { action: r.action, consentId: r.id, seq: r.seq === null ? null : BigInt(r.seq) };
    return view;
  }
}
