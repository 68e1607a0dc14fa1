import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { ConsentService } from '../../consent/src/consent.service.js';
import { isWindowOpen } from '../../conversations/src/customer-window.js';
import type { JsonObject } from '../../ledger/src/entry.js';
import type { NewLedgerEntry } from '../../ledger/src/ledger-records.js';
import { WorkerConfig } from '../../platform/src/config.js';
import type { RenderedParameters } from '../../templates/src/render.js';
import { ProviderRegistry } from '../../tenants/src/provider-registry.js';
import { TenantsService } from '../../tenants/src/tenants.service.js';
import { ProviderError } from '../../whatsapp/src/provider-error.js';
import type { PendingSend } from './notification-records.js';
import { SendRepository } from './send.repository.js';
import { SendRateLimiter } from './send-rate-limiter.js';
import { StatusRepository } from './status.repository.js';

const USER_STOPPED_MARKETING = 131050;
const IN_JOB_WAIT_MAX_MS = 1000;

/** What the queue should do with the job after one step. */
export type SendStep = { kind: 'done'; outcome: 'submitted' | 'failed' | 'nothing-to-do' } | { kind: 'delay'; ms: number };

/** A transient failure: the queue retries with backoff. */
export class RetryableSendError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
  ) {
    super(message);
  }
}

/**
 * One send of one notification, exactly once: the attempt is recorded before the provider is
 * called, and an attempt found without outcome (a worker killed mid-call) is reconciled before
 * anything is sent again.
 */
@Injectable()
export class SendService {
  private readonly logger = new Logger(SendService.name);

  constructor(
    private readonly config: WorkerConfig,
    private readonly notifications: SendRepository,
    private readonly tenants: TenantsService,
    private readonly providers: ProviderRegistry,
    private readonly limiter: SendRateLimiter,
    private readonly statuses: StatusRepository,
    private readonly consents: ConsentService,
  ) {}

  async send(notificationId: string, isLastTry: boolean): Promise<SendStep> {
    const loaded = await this.notifications.loadSend(notificationId);
    if (!loaded || loaded.send.status === 'SUBMITTED' || loaded.send.status === 'FAILED' || loaded.send.status === 'ERASED') return { kind: 'done', outcome: 'nothing-to-do' };
    const { send: n, openAttempt: open } = loaded;
    if (open) {
      // The provider may have accepted it: its status webhooks echo our id (biz_opaque_callback_data).
      const wamid = await this.statuses.wamidForCallback(n.id);
      if (wamid) {
        this.logger.warn(`notification ${n.id}: attempt ${open.attempt} had been accepted (a status webhook says so); recorded, not resent`);
        await this.submitted(n, open.attempt, wamid, true);
        return { kind: 'done', outcome: 'submitted' };
      }
      // No status yet: wait rather than risk a second message, until Meta would surely have sent one.
      const age = Date.now() - open.startedAt.getTime();
      if (age < this.config.SEND_RECONCILE_WINDOW_MS) {
        this.logger.log(`notification ${n.id}: attempt ${open.attempt} left no outcome; waiting for its status webhook before any resend`);
        return { kind: 'delay', ms: Math.min(5_000, this.config.SEND_RECONCILE_WINDOW_MS - age) };
      }
      this.logger.warn(`notification ${n.id}: attempt ${open.attempt} left no outcome and no status arrived; sending again`);
      await this.notifications.abandonAttempt(n.id, open.attempt);
    }

    const tenant = await this.tenants.get(n.tenantId);
    if (!tenant) return this.fail(n, n.attempts, { kind: 'permanent', title: 'tenant no longer exists' }, null);
    // A slot within a second is waited for here, on a timer; a later one (the recipient's 6 s, a
    // slow number's backlog) goes back to the queue as a delay, freeing the job's place.
    const slot = await this.limiter.acquire(tenant.phoneNumberId, tenant.throughputPerSecond, n.recipient, this.config.RECIPIENT_MIN_INTERVAL_MS, IN_JOB_WAIT_MAX_MS);
    if (!slot.taken) return { kind: 'delay', ms: slot.retryInMs };
    if (slot.waitMs > 0) await sleep(slot.waitMs);

    const attempt = n.attempts + 1;
    // Cancelled since it was loaded (the recipient was erased): never sent.
    if (!(await this.notifications.startAttempt(n.id, attempt))) return { kind: 'done', outcome: 'nothing-to-do' };
    try {
      const result = await this.providers.providerFor(tenant).sendTemplate({
        to: n.recipient,
        template: { name: n.templateName, language: n.language },
        parameters: n.parameters as unknown as RenderedParameters,
        bizOpaqueCallbackData: n.id,
      });
      await this.submitted(n, attempt, result.wamid, false);
      return { kind: 'done', outcome: 'submitted' };
    } catch (err) {
      const error = err instanceof ProviderError ? err : ProviderError.network(err);
      if (error.maybeSent) {
        // No answer, yet the provider may have accepted it (a timeout under load): resending now
        // could send it twice. Like a crash mid-call, the attempt stays open and is reconciled
        // from its status webhooks (or resent after SEND_RECONCILE_WINDOW_MS) on the next run.
        this.logger.warn(`notification ${n.id}: attempt ${attempt} got no answer (${error.title}); waiting for its status webhook before any resend`);
        return { kind: 'delay', ms: Math.min(5_000, this.config.SEND_RECONCILE_WINDOW_MS) };
      }
      const detail = errorDetail(error);
      await this.limiter.release(tenant.phoneNumberId, n.recipient).catch(() => undefined);
      if (error.kind === 'permanent' || isLastTry) return this.fail(n, attempt, detail, error.code);
      await this.notifications.recordRetry(n.id, attempt, detail, error.code);
      throw new RetryableSendError(`notification ${n.id}: ${error.message}`, error.retryAfterMs);
    }
  }

  private async submitted(n: PendingSend, attempt: number, wamid: string, reconciled: boolean): Promise<void> {
    // Since July 2025 a utility template inside an open customer-service window is free: say which.
    const windowOpen = isWindowOpen(n.windowOpenUntil);
    const pricing = { windowOpen, expected: n.category === 'UTILITY' && windowOpen ? 'free' : 'billable' };
    await this.notifications.recordSubmitted(n.id, attempt, wamid, this.entry(n, 'message.submitted', { wamid, attempt, pricing, ...(reconciled ? { reconciled } : {}) }));
    // Statuses that beat this record to the database are rare: the status sweep attaches them
    // within seconds, which keeps three round trips off every send.
    if (reconciled) await this.statuses.attach([wamid]);
  }

  private async fail(n: PendingSend, attempt: number, error: JsonObject, code: number | null): Promise<SendStep> {
    await this.notifications.recordFailed(n.id, attempt, error, code, this.entry(n, 'message.failed', { attempt, error }));
    if (code === USER_STOPPED_MARKETING) {
      // Meta says the user stopped this business's marketing messages: that is an opt-out, ledgered as one.
      await this.consents.record(n.tenantId, {
        clientId: `wa-131050:${n.id}`,
        phone: n.recipient,
        category: 'marketing',
        action: 'opt_out',
        source: 'meta-error-131050',
        evidence: { notificationId: n.id, code },
        occurredAt: new Date(),
      });
    }
    this.logger.warn(`notification ${n.id} failed: ${String(error.code ?? '')} ${String(error.title)}`);
    return { kind: 'done', outcome: 'failed' };
  }

  private entry(n: PendingSend, type: 'message.submitted' | 'message.failed', extra: JsonObject): NewLedgerEntry {
    return {
      tenantId: n.tenantId,
      subjectPhone: n.recipient,
      type,
      occurredAt: new Date(),
      body: {
        tenantId: n.tenantId,
        notificationId: n.id,
        eventId: n.eventId,
        to: n.recipient,
        template: { name: n.templateName, language: n.language, category: n.category },
        ...extra,
      },
    };
  }
}

/** Meta's error as kept in the ledger and on the notification: code, title, message, details. */
function errorDetail(error: ProviderError): JsonObject {
  return {
    kind: error.kind,
    code: error.code,
    title: error.title,
    message: error.message,
    details: error.details,
    httpStatus: error.httpStatus,
  };
}
