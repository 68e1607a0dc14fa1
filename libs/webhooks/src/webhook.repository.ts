import { Injectable } from '@nestjs/common';
import { PgPool } from '../../platform/src/pg-pool.service.js';
import type { Rejection } from './webhook-routing.js';

export interface ReceivedWebhook {
  body: Buffer;
  signature: string;
  /** Whose secrets verified the signature (webhook-signers.ts). */
  signedBy: readonly string[];
}

export interface StoredWebhook {
  body: Buffer;
  signedBy: string[];
  processed: boolean;
}

/** Webhook deliveries as received; processing is driven from here, so none is lost with Redis. */
@Injectable()
export class WebhookRepository {
  constructor(private readonly pool: PgPool) {}

  /**
   * Stored as received, in one statement, their ids in the order given. Marked handed to the
   * queue, which the caller does next: the relay takes them only once that looks lost.
   */
  async insertMany(payloads: ReceivedWebhook[]): Promise<bigint[]> {
    // Signers travel as one comma-joined text per payload (ids and "deployment" hold no comma):
    // unnest cannot take an array of arrays of different lengths.
    const { rows } = await this.pool.query<{ id: string }>({
      name: 'sigillo-insert-webhooks',
      text: `INSERT INTO webhook_payloads (body, signature, signed_by, dispatched_at)
             SELECT b, s, string_to_array(sb, ','), now() FROM unnest($1::bytea[], $2::text[], $3::text[]) WITH ORDINALITY AS u(b, s, sb, ord) ORDER BY ord
             RETURNING id::text AS id`,
      values: [payloads.map((p) => p.body), payloads.map((p) => p.signature), payloads.map((p) => p.signedBy.join(','))],
    });
    // Ids come from the sequence in the order the rows were inserted, which ORDER BY fixed.
    return rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async loadMany(ids: bigint[]): Promise<Map<bigint, StoredWebhook>> {
    const { rows } = await this.pool.query<{ id: string; body: Buffer; signed_by: string[] | null; processed_at: Date | null }>({
      name: 'sigillo-load-webhooks',
      text: 'SELECT id::text AS id, body, signed_by, processed_at FROM webhook_payloads WHERE id = ANY($1::bigint[])',
      values: [ids.map(String)],
    });
    return new Map(rows.map((r) => [BigInt(r.id), { body: r.body, signedBy: r.signed_by ?? [], processed: r.processed_at !== null }]));
  }

  /** Refused parts with their reason; a payload applied again adds nothing (unique on payload and part). */
  async reject(rejections: (Rejection & { payloadId: bigint })[]): Promise<void> {
    if (rejections.length === 0) return;
    const col = <K extends keyof Rejection>(k: K) => rejections.map((r) => r[k]);
    await this.pool.query({
      name: 'sigillo-reject-webhook-parts',
      text: `INSERT INTO webhook_rejections (payload_id, at, kind, reason, tenant_id, phone_number_id, waba_id, ref)
             SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::text[])
             ON CONFLICT (payload_id, at) DO NOTHING`,
      values: [rejections.map((r) => String(r.payloadId)), col('at'), col('kind'), col('reason'), col('tenantId'), col('phoneNumberId'), col('wabaId'), col('ref')],
    });
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
