import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { MetricsModule } from '#sigillo/observability';
import { LedgerLagModule } from '../ledger-lag/ledger-lag.module.js';
import { QueuesModule } from '../queues/queues.module.js';
import { HttpMetricsMiddleware } from './http-metrics.middleware.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { PipelineCountsRepository } from './pipeline-counts.repository.js';
import { PipelineMetrics } from './pipeline-metrics.js';

@Module({
  imports: [MetricsModule, LedgerLagModule, QueuesModule],
  controllers: [MetricsController],
  providers: [MetricsService, PipelineMetrics, PipelineCountsRepository],
})
export class MetricsApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
