import { Injectable } from '@nestjs/common';
import { PgPool } from '#sigillo/platform';
import { sql, statement } from '#sigillo/db';

export interface PipelineCounts {
  /** Send attempts by outcome (submitted, failed, retry, unknown; in_flight while the call runs) and Meta error code. */
  sendAttempts: { outcome: string; errorCode: string; count: number }[];
  /** Delivery statuses recorded from Meta's webhooks, one per (message, status), with the error code of a failed one. */
  messageStatuses: { status: string; errorCode: string; count: number }[];
  /** Stored webhook payloads the worker has not applied yet. */
  webhookPayloadsPending: number;
  /** Webhook parts refused (another tenant's message, a number no tenant owns, a secret not allowed…), by reason. */
  webhookRejections: { reason: string; count: number }[];
  anchorsConfirmed: number;
  anchorGasUsedTotal: number;
}

// Aggregates over whole tables: a scrape costs a few sequential scans, so scrape every 15 s or
// more, not every second. The api counts events itself (sigillo_events_received_total).
const COUNTS = statement<{ contract: string }, Row>(
  'sigillo-pipeline-counts',
  (p) => sql`
SELECT
  (SELECT coalesce(json_agg(a), '[]') FROM (
     SELECT coalesce(outcome, 'in_flight') AS outcome, coalesce(error_code::text, '') AS "errorCode", count(*)::int AS count
       FROM send_attempts GROUP BY 1, 2) a) AS send_attempts,
  (SELECT coalesce(json_agg(s), '[]') FROM (
     SELECT status, coalesce(payload->'errors'->0->>'code', '') AS "errorCode", count(*)::int AS count
       FROM message_statuses GROUP BY 1, 2) s) AS message_statuses,
  (SELECT count(*)::int FROM webhook_payloads WHERE processed_at IS NULL) AS webhook_payloads_pending,
  (SELECT coalesce(json_agg(r), '[]') FROM (SELECT reason, count(*)::int AS count FROM webhook_rejections GROUP BY 1) r) AS webhook_rejections,
  (SELECT count(*)::int FROM anchors WHERE contract = ${p.contract} AND status = 'CONFIRMED') AS anchors_confirmed,
  (SELECT coalesce(sum(gas_used), 0)::text FROM anchors WHERE contract = ${p.contract} AND status = 'CONFIRMED') AS anchor_gas_used`,
);

interface Row {
  send_attempts: PipelineCounts['sendAttempts'];
  message_statuses: PipelineCounts['messageStatuses'];
  webhook_payloads_pending: number;
  webhook_rejections: PipelineCounts['webhookRejections'];
  anchors_confirmed: number;
  anchor_gas_used: string;
}

@Injectable()
export class PipelineCountsRepository {
  constructor(private readonly pool: PgPool) {}

  async read(contract: string): Promise<PipelineCounts> {
    const rows = await COUNTS.rows(this.pool, { contract: contract.toLowerCase() });
    const r = rows[0];
    return {
      sendAttempts: r.send_attempts,
      messageStatuses: r.message_statuses,
      webhookPayloadsPending: r.webhook_payloads_pending,
      webhookRejections: r.webhook_rejections,
      anchorsConfirmed: r.anchors_confirmed,
      anchorGasUsedTotal: Number(r.anchor_gas_used),
    };
  }
}
