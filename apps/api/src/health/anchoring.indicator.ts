import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ApiConfig } from '#sigillo/platform';
import type { LedgerLag } from '../ledger-lag/ledger-lag.repository.js';
import { LedgerLagRepository } from '../ledger-lag/ledger-lag.repository.js';

/**
 * Whether the log reaches the chain in time. Measured from the oldest entry still waiting for a
 * confirmed anchor rather than from the last anchor: an idle log stays healthy however old its
 * last anchor, and a burst after a long silence is not failed before the anchorer had its turn.
 * A stalled sequencer fails this too, since its pending entries wait as well.
 */
@Injectable()
export class AnchoringIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly lag: LedgerLagRepository,
    private readonly config: ApiConfig,
  ) {}

  async check(key: string) {
    const session = this.indicators.check(key);
    let lag: LedgerLag;
    try {
      lag = await this.lag.read(this.config.LEDGER_CONTRACT_ADDRESS);
    } catch (err) {
      return session.down({ message: `cannot read the ledger: ${(err as Error).message}` });
    }
    const now = Date.now();
    const details = {
      treeSize: lag.treeSize,
      anchoredSize: lag.anchoredSize ?? 0,
      lastAnchorAgeMs: lag.anchoredAt ? now - lag.anchoredAt.getTime() : null,
      waitingSinceMs: lag.oldestUnanchoredAt ? now - lag.oldestUnanchoredAt.getTime() : 0,
      maxAgeMs: this.config.HEALTH_MAX_ANCHOR_AGE_MS,
    };
    if (details.waitingSinceMs <= details.maxAgeMs) return session.up(details);
    return session.down({
      ...details,
      message: `an entry has waited ${Math.round(details.waitingSinceMs / 1000)} s for a confirmed anchor (bound ${Math.round(details.maxAgeMs / 1000)} s)`,
    });
  }
}
