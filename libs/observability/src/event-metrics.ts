import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from './metrics-registry.js';

/** Counted where events are accepted: one increment per new event id (repeats answer from the first). */
@Injectable()
export class EventMetrics {
  private readonly counter: Counter<'type' | 'decision' | 'reason'>;

  constructor(registry: MetricsRegistry) {
    this.counter = new Counter({
      name: 'sigillo_events_received_total',
      help: 'Passweb events accepted by this api process, by event type and policy decision (reason for a SKIP)',
      labelNames: ['type', 'decision', 'reason'],
      registers: [registry],
    });
  }

  received(type: string, decision: string, reason: string | undefined): void {
    this.counter.inc({ type, decision, reason: reason ?? '' });
  }
}
