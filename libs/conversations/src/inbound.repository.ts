import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { PgPool } from '#sigillo/platform';
import { type Row, sql, statement } from '#sigillo/db';
import { windowOpenUntil } from './customer-window.js';

export interface NewInbound {
  tenantId: string;
  phone: string;
  messageId: string;
  type: string;
  occurredAt: Date;
  text: string | null;
  keepText: boolean;
  /** False for a message that is not the user writing (a `system` notice): recorded, window untouched. */
  opensWindow: boolean;
}

const RECORD_INBOUND = statement<
  {
    tenantId: string;
    phone: string;
    messageId: string;
    type: string;
    occurredAt: Date;
    textSalt: Buffer | null;
    textHash: Buffer | null;
    text: string | null;
    openUntil: Date;
    opensWindow: boolean;
  },
  { created: number }
>(
  'sigillo-record-inbound',
  (p) => sql`
WITH ins AS (
  INSERT INTO inbound_messages (tenant_id, phone, message_id, type, occurred_at, text_salt, text_hash, text)
  VALUES (${p.tenantId}, ${p.phone}, ${p.messageId}, ${p.type}, ${p.occurredAt}, ${p.textSalt}, ${p.textHash}, ${p.text})
  ON CONFLICT (message_id) DO NOTHING RETURNING id
), win AS (
  INSERT INTO customer_windows (tenant_id, phone, last_inbound_at, open_until)
  SELECT ${p.tenantId}, ${p.phone}, ${p.occurredAt}, ${p.openUntil} FROM ins WHERE ${p.opensWindow}::boolean
  ON CONFLICT (tenant_id, phone) DO UPDATE
    SET last_inbound_at = GREATEST(customer_windows.last_inbound_at, EXCLUDED.last_inbound_at),
        open_until = GREATEST(customer_windows.open_until, EXCLUDED.open_until)
)
SELECT (SELECT count(*) FROM ins)::int AS created`,
);

const WINDOW = statement<{ tenantId: string; phone: string }, Row<'customer_windows', 'last_inbound_at' | 'open_until'>>(
  'sigillo-customer-window',
  // The window is the user's, whichever of its identifiers wrote (contact_identifiers).
  (p) => sql`
SELECT max(w.last_inbound_at) AS last_inbound_at, max(w.open_until) AS open_until
  FROM (SELECT ${p.phone}::text AS identifier
        UNION
        SELECT o.identifier FROM contact_identifiers s JOIN contact_identifiers o ON o.tenant_id = s.tenant_id AND o.person_id = s.person_id
         WHERE s.tenant_id = ${p.tenantId} AND s.identifier = ${p.phone}) ids
  JOIN customer_windows w ON w.tenant_id = ${p.tenantId} AND w.phone = ids.identifier
HAVING count(*) > 0`,
);

const CARRY_WINDOW = statement<{ tenantId: string; phone: string; lastInboundAt: Date; openUntil: Date }>(
  'sigillo-carry-window',
  (p) => sql`
INSERT INTO customer_windows (tenant_id, phone, last_inbound_at, open_until) VALUES (${p.tenantId}, ${p.phone}, ${p.lastInboundAt}, ${p.openUntil})
ON CONFLICT (tenant_id, phone) DO UPDATE
  SET last_inbound_at = GREATEST(customer_windows.last_inbound_at, EXCLUDED.last_inbound_at),
      open_until = GREATEST(customer_windows.open_until, EXCLUDED.open_until)`,
);

const SEEN = statement<{ tenantId: string; messageId: string }, { one: number }>(
  'sigillo-inbound-seen',
  (p) => sql`SELECT 1 AS one FROM inbound_messages WHERE message_id = ${p.messageId} AND tenant_id = ${p.tenantId}`,
);

@Injectable()
export class InboundRepository {
  constructor(private readonly pool: PgPool) {}

  /**
   * Records the message (once per message id) and, unless it is a system notice, opens or refreshes the window, in one statement;
   * the window only moves forward, whatever order Meta delivers messages in. True when new.
   */
  async record(m: NewInbound): Promise<boolean> {
    const salt = m.text === null ? null : randomBytes(32);
    const hash = m.text === null ? null : createHash('sha256').update(salt!).update(m.text, 'utf8').digest();
    const rows = await RECORD_INBOUND.rows(this.pool, {
      tenantId: m.tenantId,
      phone: m.phone,
      messageId: m.messageId,
      type: m.type,
      occurredAt: m.occurredAt,
      textSalt: salt,
      textHash: hash,
      text: m.keepText ? m.text : null,
      openUntil: windowOpenUntil(m.occurredAt),
      opensWindow: m.opensWindow,
    });
    return rows[0].created === 1;
  }

  /** The user changed number: the window they opened goes with them (it only ever moves forward). */
  async carryWindow(tenantId: string, from: string, to: string): Promise<Date | null> {
    const window = await this.window(tenantId, from);
    if (!window) return null;
    await CARRY_WINDOW.run(this.pool, { tenantId, phone: to, lastInboundAt: window.lastInboundAt, openUntil: window.openUntil });
    return window.openUntil;
  }

  /** Whether the message (by Meta's id) was already recorded for the tenant. */
  async seen(tenantId: string, messageId: string): Promise<boolean> {
    return (await SEEN.rows(this.pool, { tenantId, messageId })).length > 0;
  }

  async window(tenantId: string, phone: string): Promise<{ lastInboundAt: Date; openUntil: Date } | null> {
    const rows = await WINDOW.rows(this.pool, { tenantId, phone });
    return rows[0] ? { lastInboundAt: rows[0].last_inbound_at, openUntil: rows[0].open_until } : null;
  }
}
