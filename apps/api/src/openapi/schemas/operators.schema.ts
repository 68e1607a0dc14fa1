import { ApiProperty } from '@nestjs/swagger';

/** @nestjs/terminus's result: `error` names each failing part. */
export class HealthResult {
  @ApiProperty({ type: 'string', enum: ['ok', 'error', 'shutting_down'], example: 'ok' })
  status: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', additionalProperties: true }, description: 'The parts that are up' })
  info: Record<string, unknown>;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', additionalProperties: true },
    description: 'The parts that are down, each with a message',
  })
  error: Record<string, unknown>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', additionalProperties: true }, description: 'Every part' })
  details: Record<string, unknown>;
}

const UP = {
  database: { status: 'up', responseTime: 2 },
  redis: { status: 'up', responseTime: 1 },
  chain: { status: 'up', chainId: 31337, responseTime: 4 },
  anchoring: { status: 'up', treeSize: 1850, anchoredSize: 1850, lastAnchorAgeMs: 1204, waitingSinceMs: 0, maxAgeMs: 60000 },
};
const CHAIN_DOWN = { status: 'down', message: 'fetch failed', responseTime: 3 };
const ANCHORING_DOWN = {
  status: 'down',
  treeSize: 1912,
  anchoredSize: 1850,
  lastAnchorAgeMs: 75320,
  waitingSinceMs: 74110,
  maxAgeMs: 60000,
  message: 'an entry has waited 74 s for a confirmed anchor (bound 60 s)',
};

export const HEALTH_OK_EXAMPLE = { status: 'ok', info: UP, error: {}, details: UP };

export const HEALTH_DOWN_EXAMPLE = {
  status: 'error',
  info: { database: UP.database, redis: UP.redis },
  error: { chain: CHAIN_DOWN, anchoring: ANCHORING_DOWN },
  details: { database: UP.database, redis: UP.redis, chain: CHAIN_DOWN, anchoring: ANCHORING_DOWN },
};

export const METRICS_EXAMPLE = `# HELP sigillo_events_received_total Passweb events accepted by this api process, by event type and policy decision (reason for a SKIP)
# TYPE sigillo_events_received_total counter
sigillo_events_received_total{type="order.status_changed",decision="SEND",reason=""} 412
sigillo_events_received_total{type="cart.abandoned",decision="SKIP",reason="NO_MARKETING_CONSENT"} 37
# TYPE sigillo_send_attempts gauge
sigillo_send_attempts{outcome="submitted",error_code=""} 431
sigillo_send_attempts{outcome="failed",error_code="132001"} 3
sigillo_send_attempts{outcome="retry",error_code="130429"} 12
# TYPE sigillo_message_statuses gauge
sigillo_message_statuses{status="delivered",error_code=""} 428
sigillo_message_statuses{status="failed",error_code="131026"} 2
# TYPE sigillo_queue_jobs gauge
sigillo_queue_jobs{queue="send",state="waiting"} 0
# TYPE sigillo_sequencer_pending_entries gauge
sigillo_sequencer_pending_entries 0
# TYPE sigillo_checkpoint_age_seconds gauge
sigillo_checkpoint_age_seconds 0.4
# TYPE sigillo_anchor_lag_entries gauge
sigillo_anchor_lag_entries 12
# TYPE sigillo_anchor_gas_used_total gauge
sigillo_anchor_gas_used_total 48213377
`;
