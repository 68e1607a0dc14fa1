import { Injectable } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { AnchoringIndicator } from './anchoring.indicator.js';
import { ChainRpcIndicator } from './chain-rpc.indicator.js';
import { DatabaseIndicator } from './database.indicator.js';
import { RedisIndicator } from './redis.indicator.js';

/** GET /health: every dependency checked in parallel; any one down answers 503 naming it under `error`. */
@Injectable()
export class ReadinessService {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseIndicator,
    private readonly redis: RedisIndicator,
    private readonly chain: ChainRpcIndicator,
    private readonly anchoring: AnchoringIndicator,
  ) {}

  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.database.check('database'),
      () => this.redis.check('redis'),
      () => this.chain.check('chain'),
      () => this.anchoring.check('anchoring'),
    ]);
  }
}
