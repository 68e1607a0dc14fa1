import { HealthIndicatorService } from '@nestjs/terminus';
import { ApiConfig, loadConfig } from '#sigillo/platform';
import type { LedgerLag, LedgerLagRepository } from '../ledger-lag/ledger-lag.repository.js';
import { AnchoringIndicator } from './anchoring.indicator.js';

const config = loadConfig(ApiConfig, { LEDGER_CONTRACT_ADDRESS: `0x${'1'.repeat(40)}`, HEALTH_MAX_ANCHOR_AGE_MS: '60000' });
const ago = (ms: number) => new Date(Date.now() - ms);
const lag = (patch: Partial<LedgerLag>): LedgerLag => ({
  treeSize: 10,
  pendingEntries: 0,
  oldestPendingAt: null,
  latestCheckpointSize: 10,
  latestCheckpointAt: ago(1000),
  anchoredSize: 10,
  anchoredAt: ago(1000),
  lastAnchorGasUsed: 90000,
  oldestUnanchoredAt: null,
  ...patch,
});

function indicator(read: () => Promise<LedgerLag>): AnchoringIndicator {
  return new AnchoringIndicator(new HealthIndicatorService(), { read } as unknown as LedgerLagRepository, config);
}

describe('AnchoringIndicator', () => {
  it('is up for an idle log, however old its last anchor', async () => {
    const result = await indicator(async () => lag({ anchoredAt: ago(24 * 3600_000) })).check('anchoring');
    expect(result.anchoring).toMatchObject({ status: 'up', waitingSinceMs: 0, anchoredSize: 10 });
  });

  it('is up while the oldest unanchored entry is within the bound', async () => {
    const result = await indicator(async () => lag({ treeSize: 12, anchoredAt: ago(3600_000), oldestUnanchoredAt: ago(5_000) })).check('anchoring');
    expect(result.anchoring.status).toBe('up');
  });

  it('is down, saying how long, once an entry has waited past the bound (a stalled sequencer too)', async () => {
    const stalled = await indicator(async () => lag({ pendingEntries: 3, oldestPendingAt: ago(90_000), oldestUnanchoredAt: ago(90_000) })).check('anchoring');
    expect(stalled.anchoring).toMatchObject({
      status: 'down',
      maxAgeMs: 60000,
      message: expect.stringMatching(/waited 9\d s for a confirmed anchor \(bound 60 s\)/),
    });
  });

  it('is down when the ledger cannot be read', async () => {
    const result = await indicator(async () => Promise.reject(new Error('connection refused'))).check('anchoring');
    expect(result.anchoring).toEqual({ status: 'down', message: 'cannot read the ledger: connection refused' });
  });
});
