import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { PgPool } from '../../platform/src/pg-pool.service.js';
import { windowOpenUntil } from './customer-window.js';

export interface NewInbound {
  tenantId: string;
  phone: string;
  messageId: string;
  type: string;
  occurredAt: Date;
  text: string | null;
  keepText: boolean;
}

@Injectable()
export class InboundRepository {
  constructor(private readonly pool: PgPool) {}

  /**
   * Records the message (once per message id) and opens or refreshes the window, in one statement;
   * the window only moves forward, whatever order Meta delivers messages in. True when new.
   */
  async record(m: NewInbound): Promise<boolean> {
    const salt = m.text === null ? null : randomBytes(32);
    const hash = m.text === null ? null : createHash('sha256').update(salt!).update(m.text, 'utf8').digest();
    const { rows } = await this.pool.query<{ created: number }>(
      `WITH ins AS (
         INSERT INTO inbound_messages (tenant_id, phone, message_id, type, occurred_at, text_salt, text_hash, text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (message_id) DO NOTHING RETURNING id
       ), win AS (
         INSERT INTO customer_windows (tenant_id, phone, last_inbound_at, open_until)
         SELECT $1, $2, $5, $9 FROM ins
         ON CONFLICT (tenant_id, phone) DO UPDATE
           SET last_inbound_at = GREATEST(customer_windows.last_inbound_at, EXCLUDED.last_inbound_at),
               open_until = GREATEST(customer_windows.open_until, EXCLUDED.open_until)
       )
       SELECT (SELECT count(*) FROM ins)::int AS created`,
      [m.tenantId, m.phone, m.messageId, m.type, m.occurredAt, salt, hash, m.keepText ? m.text : null, windowOpenUntil(m.occurredAt)],
    );
    return rows[0].created === 1;
  }

  async window(tenantId: string, phone: string): Promise<{ lastInboundAt: Date; openUntil: Date } | null> {
    const { rows } = await this.pool.query<{ last_inbound_at: Date; open_until: Date }>(
      'SELECT last_inbound_at, open_until FROM customer_windows WHERE tenant_id = $1 AND phone = $2',
      [tenantId, phone],
    );
    return rows[0] ? { lastInboundAt: rows[0].last_inbound_at, openUntil: rows[0].open_until } : null;
  }
}
