import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../platform/src/prisma.service.js';
import { ConsentAction, ConsentCategory, ConsentView, NO_CONSENT } from './consent.js';

@Injectable()
export class ConsentRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The latest change per category for one recipient (latest by when it happened, then recorded). */
  async view(tenantId: string, phone: string): Promise<ConsentView> {
    const rows = await this.prisma.$queryRaw<{ category: ConsentCategory; action: ConsentAction; id: string; seq: bigint | null }[]>`
      SELECT DISTINCT ON (c.category) c.category, c.action, c.id::text AS id, e.seq
        FROM consents c LEFT JOIN ledger_entries e ON e.id = c.ledger_entry_id
       WHERE c.tenant_id = ${tenantId}::uuid AND c.phone = ${phone}
       ORDER BY c.category, c.occurred_at DESC, c.recorded_at DESC`;
    const view: ConsentView = { ...NO_CONSENT };
    for (const r of rows) view[r.category] = { action: r.action, consentId: r.id, seq: r.seq === null ? null : BigInt(r.seq) };
    return view;
  }
}
