import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';
import { SimulatorLifetime } from '../simulator-lifetime.js';
import { hubSignature } from './webhook-signature.js';

export type WebhookResult = 'pending' | 'delivered' | 'failed' | 'not-configured' | 'cancelled';

export interface WebhookAttempt {
  at: string;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  error?: string;
}

/** One webhook as the simulator POSTed it (or would have, with no URL set). */
export interface WebhookRecord {
  id: number;
  field: string;
  /** A short human label: `status read wamid.…`, `inbound message`… */
  description: string;
  url: string | null;
  payload: unknown;
  signature: string;
  createdAt: string;
  attempts: WebhookAttempt[];
  result: WebhookResult;
}

const ATTEMPT_TIMEOUT_MS = 5_000;
// The log keeps the newest KEPT webhooks: a load test must not grow the simulator without bound.
const KEPT = 300_000;

/**
 * Signs and POSTs webhooks like Meta: X-Hub-Signature-256 over the exact bytes sent, retried
 * with doubling backoff while the receiver fails (non-2xx or no answer). Never throws: a broken
 * receiver is the test's subject, not a reason for the simulator to fall over.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger('Simulator');
  private records: WebhookRecord[] = [];
  private nextId = 1;
  private createdCount = 0;
  private readonly pending = new Set<WebhookRecord>();
  private url: string | null;

  constructor(
    @Inject(SIMULATOR_OPTIONS) private readonly options: SimulatorOptions,
    private readonly lifetime: SimulatorLifetime,
  ) {
    this.url = options.webhookUrl;
  }

  get webhookUrl(): string | null {
    return this.url;
  }

  setUrl(url: string | null): void {
    this.url = url;
  }

  log(field?: string): WebhookRecord[] {
    return field ? this.records.filter((r) => r.field === field) : [...this.records];
  }

  /** Since start or the last clear, including those no longer kept. */
  counts(): { webhooks: number; webhooksPending: number } {
    return { webhooks: this.createdCount, webhooksPending: this.pending.size };
  }

  clear(): void {
    this.records = [];
    this.createdCount = 0;
    this.pending.clear();
  }

  async deliver(field: string, description: string, payload: unknown): Promise<WebhookRecord> {
    const raw = JSON.stringify(payload);
    const record: WebhookRecord = {
      id: this.nextId++,
      field,
      description,
      url: this.url,
      payload,
      signature: hubSignature(this.options.appSecret, raw),
      createdAt: new Date().toISOString(),
      attempts: [],
      result: 'pending',
    };
    this.records.push(record);
    this.createdCount++;
    if (this.records.length > KEPT * 1.1) this.records.splice(0, this.records.length - KEPT);
    if (record.url === null) {
      record.result = 'not-configured';
      return record;
    }
    this.pending.add(record);
    const signal = this.lifetime.signal;
    try {
      for (let attempt = 1; attempt <= this.options.webhookMaxAttempts; attempt++) {
        if (await this.post(record, raw, signal)) return this.finish(record, 'delivered');
        if (attempt < this.options.webhookMaxAttempts) await sleep(this.options.webhookBackoffMs * 2 ** (attempt - 1), undefined, { signal });
      }
      this.logger.warn(`webhook #${record.id} (${description}) not delivered after ${record.attempts.length} attempts`);
      return this.finish(record, 'failed');
    } catch {
      // Only the lifetime's abort gets here (reset or shutdown): post() swallows everything else.
      return this.finish(record, 'cancelled');
    }
  }

  private finish(record: WebhookRecord, result: WebhookResult): WebhookRecord {
    record.result = result;
    this.pending.delete(record);
    return record;
  }

  private async post(record: WebhookRecord, raw: string, signal: AbortSignal): Promise<boolean> {
    const attempt: WebhookAttempt = { at: new Date().toISOString() };
    record.attempts.push(attempt);
    try {
      const response = await fetch(record.url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': record.signature, 'user-agent': 'facebookexternalua' },
        body: raw,
        signal: AbortSignal.any([signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
      });
      attempt.status = response.status;
      // Drained so the keep-alive socket can be reused.
      await response.arrayBuffer().catch(() => undefined);
      return response.ok;
    } catch (err) {
      if (signal.aborted) throw err;
      attempt.error = describe(err);
      return false;
    }
  }
}

function describe(value: unknown): string {
  // Duck-typed: fetch's errors may come from another realm (jest's vm), failing instanceof Error.
  if (typeof value !== 'object' || value === null || typeof (value as Error).message !== 'string') return String(value);
  const err = value as Error;
  if (err.name === 'TimeoutError') return `no answer within ${ATTEMPT_TIMEOUT_MS} ms`;
  // fetch says only "fetch failed"; the reason (ECONNREFUSED, bad port…) is in its cause.
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === 'string') return `${err.message} (${cause.code})`;
  return typeof cause?.message === 'string' ? `${err.message}: ${cause.message}` : err.message;
}
