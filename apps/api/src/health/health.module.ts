import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RedisModule } from '#sigillo/platform';
import { LedgerLagModule } from '../ledger-lag/ledger-lag.module.js';
import { AnchoringIndicator } from './anchoring.indicator.js';
import { ChainRpcIndicator } from './chain-rpc.indicator.js';
import { DatabaseIndicator } from './database.indicator.js';
import { HealthController } from './health.controller.js';
import { HttpDrain } from './http-drain.service.js';
import { ReadinessService } from './readiness.service.js';
import { RedisIndicator } from './redis.indicator.js';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), RedisModule, LedgerLagModule],
  controllers: [HealthController],
  providers: [ReadinessService, DatabaseIndicator, RedisIndicator, ChainRpcIndicator, AnchoringIndicator, HttpDrain],
  exports: [HttpDrain],
})
export class HealthModule {}
