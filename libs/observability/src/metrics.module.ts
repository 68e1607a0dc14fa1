import { Module } from '@nestjs/common';
import { EventMetrics } from './event-metrics.js';
import { MetricsRegistry } from './metrics-registry.js';

/** One registry per application: whoever imports this module counts into the same one. */
@Module({
  providers: [MetricsRegistry, EventMetrics],
  exports: [MetricsRegistry, EventMetrics],
})
export class MetricsModule {}
