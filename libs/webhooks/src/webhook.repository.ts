import { Injectable } from '@nestjs/common';
import { PgPool } from '../../platform/src/pg-pool.service.js';

/** Webhook deliveries as received; processing is driven from here, so none is lost with Redis. */
@Injectable()
export class WebhookRepository {
  constructor(private readonly pool: PgPool) {}

  /**
   * Stored as received, in one statement, their ids in the order given. Marked handed to the
   * queue, which the caller does next: the relay takes them only once that looks lost.
   */
  async insertMany(payloads: { body: Buffer; signature: string }[]): Promise<bigint[]> {
    const { rows } = await this.pool.query<{ id: string }>({
      name: 'sigillo-insert-webhooks',
      text: `INSERT INTO webhook_payloads (body, signature, dispatched_at)
             SELECT b, s, now() FROM unnest($1::bytea[], $2::text[]) WITH ORDINALITY AS u(b, s, ord) ORDER BY ord
             RETURNING id::text AS id`,
      values: [payloads.map((p) => p.body), payloads.map((p) => p.signature)],
    });
    // Ids come from the sequence in the order the rows were inserted, which ORDER BY fixed.
    return rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async loadMany(ids: bigint[]): Promise<Map<bigint, { body: Buffer; processed: boolean }>> {
    const { rows } = await this.pool.query<{ id: string; body: Buffer; processed_at: Date | null }>({
      name: 'sigillo-load-webhooks',
      text: 'SELECT id::text AS id, body, processed_at FROM webhook_payloads WHERE id = ANY($1::bigint[])',
      values: [ids.map(String)],
    });
    return new Map(rows.map((r) => [BigInt(r.id), { body: r.body, processed: r.processed_at !== null }]));
  }

  async markProcessed(ids: bigint[]): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query({ name: 'sigillo-webhooks-processed', text: 'UPDATE webhook_payloads SET processed_at = now() WHERE id = ANY($1::bigint[])', values: [ids.map(String)] });
  }

  /** Unprocessed payloads never queued, or queued long enough ago that the job may be lost. */
  async claim(staleAfterMs: number, limit: number): Promise<bigint[]> {
    const { rows } = await this.pool.query<{ id: string }>(
      `UPDATE webhook_payloads w SET dispatched_at = now()
         FROM (SELECT id FROM webhook_payloads
                WHERE processed_at IS NULL AND (dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => $1::float8 / 1000))
                ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED) c
        WHERE w.id = c.id
       RETURNING w.id::text AS id`,
      [staleAfterMs, limit],
    );
    return rows.map((r) => BigInt(r.id));
  }
}
