import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics } from 'prom-client';
import { MetricsRegistry } from '#sigillo/observability';
import { PipelineMetrics } from './pipeline-metrics.js';

@Injectable()
export class MetricsService {
  constructor(
    private readonly registry: MetricsRegistry,
    private readonly pipeline: PipelineMetrics,
  ) {
    collectDefaultMetrics({ register: registry, prefix: 'sigillo_api_' });
  }

  /** Prometheus text format: this process's counters, then the pipeline read now. */
  async render(): Promise<string> {
    await this.pipeline.refresh();
    return this.registry.metrics();
  }
}
