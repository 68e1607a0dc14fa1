import { Injectable } from '@nestjs/common';
import { sql, statement } from '#sigillo/db';
import { PgPool } from '#sigillo/platform';
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

// Signers travel as one comma-joined text per payload (ids and "deployment" hold no comma): unnest
// cannot take an array of arrays of different lengths.
const INSERT_WEBHOOKS = statement<{ bodies: Buffer[]; signatures: string[]; signers: string[] }, { id: string }>(
  'sigillo-insert-webhooks',
  (p) => sql`
INSERT INTO webhook_payloads (body, signature, signed_by, dispatched_at)
SELECT b, s, string_to_array(sb, ','), now() FROM unnest(${p.bodies}::bytea[], ${p.signatures}::text[], ${p.signers}::text[]) WITH ORDINALITY AS u(b, s, sb, ord) ORDER BY ord
RETURNING id::text AS id`,
);

const LOAD_WEBHOOKS = statement<{ ids: string[] }, { id: string; body: Buffer; signed_by: string[] | null; processed_at: Date | null }>(
  'sigillo-load-webhooks',
  (p) => sql`SELECT id::text AS id, body, signed_by, processed_at FROM webhook_payloads WHERE id = ANY(${p.ids}::bigint[])`,
);

interface RejectionColumns {
  payloadIds: string[];
  ats: string[];
  kinds: Rejection['kind'][];
  reasons: Rejection['reason'][];
  tenantIds: (string | null)[];
  phoneNumberIds: (string | null)[];
  wabaIds: (string | null)[];
  refs: (string | null)[];
}

const REJECT_PARTS = statement<RejectionColumns>(
  'sigillo-reject-webhook-parts',
  (p) => sql`
INSERT INTO webhook_rejections (payload_id, at, kind, reason, tenant_id, phone_number_id, waba_id, ref)
SELECT * FROM unnest(${p.payloadIds}::bigint[], ${p.ats}::text[], ${p.kinds}::text[], ${p.reasons}::text[], ${p.tenantIds}::uuid[],
                     ${p.phoneNumberIds}::text[], ${p.wabaIds}::text[], ${p.refs}::text[])
ON CONFLICT (payload_id, at) DO NOTHING`,
);

const MARK_PROCESSED = statement<{ ids: string[] }>(
  'sigillo-webhooks-processed',
  (p) => sql`UPDATE webhook_payloads SET processed_at = now() WHERE id = ANY(${p.ids}::bigint[])`,
);

const CLAIM = statement<{ staleAfterMs: number; limit: number }, { id: string }>(
  'sigillo-claim-webhooks',
  (p) => sql`
UPDATE webhook_payloads w SET dispatched_at = now()
  FROM (SELECT id FROM webhook_payloads
         WHERE processed_at IS NULL AND (dispatched_at IS NULL OR dispatched_at < now() - make_interval(secs => ${p.staleAfterMs}::float8 / 1000))
         ORDER BY id LIMIT ${p.limit}::int FOR UPDATE SKIP LOCKED) c
 WHERE w.id = c.id
RETURNING w.id::text AS id`,
);

/** Webhook deliveries as received; processing is driven from here, so none is lost with Redis. */
@Injectable()
export class WebhookRepository {
  constructor(private readonly pool: PgPool) {}

  /**
   * Stored as received, in one statement, their ids in the order given. Marked handed to the
   * queue, which the caller does next: the relay takes them only once that looks lost.
   */
  async insertMany(payloads: ReceivedWebhook[]): Promise<bigint[]> {
    const rows = await INSERT_WEBHOOKS.rows(this.pool, {
      bodies: payloads.map((p) => p.body),
      signatures: payloads.map((p) => p.signature),
      signers: payloads.map((p) => p.signedBy.join(',')),
    });
    // Ids come from the sequence in the order the rows were inserted, which ORDER BY fixed.
    return rows.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  async loadMany(ids: bigint[]): Promise<Map<bigint, StoredWebhook>> {
    const rows = await LOAD_WEBHOOKS.rows(this.pool, { ids: ids.map(String) });
    return new Map(rows.map((r) => [BigInt(r.id), { body: r.body, signedBy: r.signed_by ?? [], processed: r.processed_at !== null }]));
  }

  /** Refused parts with their reason; a payload applied again adds nothing (unique on payload and part). */
  async reject(rejections: (Rejection & { payloadId: bigint })[]): Promise<void> {
    if (rejections.length === 0) return;
    const col = <K extends keyof Rejection>(k: K) => rejections.map((r) => r[k]);
    await REJECT_PARTS.run(this.pool, {
      payloadIds: rejections.map((r) => String(r.payloadId)),
      ats: col('at'),
      kinds: col('kind'),
      reasons: col('reason'),
      tenantIds: col('tenantId'),
      phoneNumberIds: col('phoneNumberId'),
      wabaIds: col('wabaId'),
      refs: col('ref'),
    });
  }

  async markProcessed(ids: bigint[]): Promise<void> {
    if (ids.length === 0) return;
    await MARK_PROCESSED.run(this.pool, { ids: ids.map(String) });
  }

  /** Unprocessed payloads never queued, or queued long enough ago that the job may be lost. */
  async claim(staleAfterMs: number, limit: number): Promise<bigint[]> {
    const rows = await CLAIM.rows(this.pool, { staleAfterMs, limit });
    return rows.map((r) => BigInt(r.id));
  }
}
