import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Histogram } from 'prom-client';
import { routeOf, MetricsRegistry } from '#sigillo/observability';

/** Requests by matched route pattern (never the path: it may hold a phone number) and status. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route'>;

  constructor(registry: MetricsRegistry) {
    this.requests = new Counter({
      name: 'sigillo_http_requests_total',
      help: 'HTTP requests answered by this api process, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'sigillo_http_request_duration_seconds',
      help: 'Time to answer, by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
  }

  // Nest middleware on Fastify gets Node's request and response.
  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const end = this.duration.startTimer();
    res.once('finish', () => {
      const route = routeOf(req);
      end({ method: req.method!, route });
      this.requests.inc({ method: req.method!, route, status: String(res.statusCode) });
    });
    next();
  }
}
