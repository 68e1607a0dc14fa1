import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { prometheusContentType } from 'prom-client';
import { METRICS_EXAMPLE } from '../openapi/schemas/operators.schema.js';
import { MetricsService } from './metrics.service.js';

/** Prometheus scrape endpoint: no key, like /health; no personal data in any series. */
@ApiTags('operators')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Header('Content-Type', prometheusContentType)
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'This api process: HTTP requests and latency by route, events received by type and decision, Node process metrics (sigillo_api_*). The pipeline, read from PostgreSQL and Redis at scrape time (the same from every replica): send attempts by outcome and Meta error code, delivery statuses, pending webhook payloads, queue depths, sequencer lag, checkpoint age, anchor lag and gas. The worker exposes no metrics of its own.',
  })
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'Prometheus text format 0.0.4', schema: { type: 'string' }, example: METRICS_EXAMPLE })
  scrape(): Promise<string> {
    return this.metrics.render();
  }
}
