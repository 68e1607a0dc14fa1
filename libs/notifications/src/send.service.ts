import { IdentityRepository } from '#sigillo/conversations';
import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger } from '@nestjs/common';
import { ConsentService } from '#sigillo/consent';
import { isWindowOpen } from '#sigillo/conversations';
import type { JsonObject, MessageSubmittedV2Body } from '#sigillo/ledger';
import { WorkerConfig } from '#sigillo/platform';
import type { RenderedParameters } from '#sigillo/whatsapp';
import { marketingOptOutByError, ProviderRegistry, metaErrorCode, ProviderError } from '#sigillo/whatsapp';
import { TenantsService } from '#sigillo/tenants';
import { callbackDataFor } from './callback-data.js';
import { MEDIA_UPLOAD_ERROR, MediaHeaderService } from './media-header.service.js';
import type { PendingSend } from './notification-records.js';
import { decideOpenAttempt, type ReconcilePolicy } from './reconcile.js';
import { failedEntry, submittedEntry, type SendFailure } from './send-entries.js';
import { decideRetry } from './send-retry.js';
import { SendRepository } from './send.repository.js';
import { SendRateLimiter } from './send-rate-limiter.js';
import { StatusRepository } from './status.repository.js';

/** Meta: the number sent beyond its throughput. Retried like any throttling, and it slows the number's schedule. */
const THROUGHPUT_EXCEEDED = 130429;
const IN_JOB_WAIT_MAX_MS = 1000;
const RECONCILE_POLL_MS = 5000;

/**
 * What the queue should do with the job after one step. A delay after a provider's refusal
 * carries `retryingSince`, the time of the run's first refusal, for the job to hand back next time.
 */
export type SendStep = { kind: 'done'; outcome: 'submitted' | 'failed' | 'nothing-to-do' } | { kind: 'delay'; ms: number; retryingSince?: number };

/** Longest single backoff between two retries of a refused send (a provider's hint may ask more). */
const MAX_RETRY_DELAY_MS = 300_000;

/**
 * One send of one notification, exactly once: the attempt is recorded before the provider is
 * called, and an attempt found without outcome (a worker killed mid-call) is reconciled before
 * anything is sent again.
 */
@Injectable()
export class SendService {
  private readonly logger = new Logger(SendService.name);

  private readonly reconcilePolicy: ReconcilePolicy;

  constructor(
    private readonly config: WorkerConfig,
    private readonly notifications: SendRepository,
    private readonly tenants: TenantsService,
    private readonly providers: ProviderRegistry,
    private readonly limiter: SendRateLimiter,
    private readonly statuses: StatusRepository,
    private readonly consents: ConsentService,
    private readonly media: MediaHeaderService,
    private readonly identities: IdentityRepository,
  ) {
    this.reconcilePolicy = { windowMs: config.SEND_RECONCILE_WINDOW_MS, maxWaitMs: config.SEND_RECONCILE_MAX_WAIT_MS, pollMs: RECONCILE_POLL_MS };
  }

  /** `retryingSince`: what the previous step's delay carried, null on a first run. */
  async send(notificationId: string, retryingSince: number | null = null): Promise<SendStep> {
    const loaded = await this.notifications.loadSend(notificationId);
    if (!loaded || loaded.send.status === 'SUBMITTED' || loaded.send.status === 'FAILED' || loaded.send.status === 'ERASED')
      return { kind: 'done', outcome: 'nothing-to-do' };
    const { send: n, openAttempt: open } = loaded;
    let unresolved = n.unresolvedAttempts;
    if (open) {
      const evidence = await this.notifications.openAttemptEvidence(n.id, open.attempt);
      const decision = evidence ? decideOpenAttempt(evidence, this.reconcilePolicy) : ({ kind: 'resend', why: 'its record is gone' } as const);
      if (decision.kind === 'record') {
        this.logger.warn(`notification ${n.id}: attempt ${open.attempt} had been accepted (a status webhook says so); recorded, not resent`);
        await this.submitted(n, open.attempt, decision.wamid, true);
        return { kind: 'done', outcome: 'submitted' };
      }
      if (decision.kind === 'wait') {
        this.logger.log(`notification ${n.id}: attempt ${open.attempt} left no outcome (${decision.why}); waiting before any resend`);
        return { kind: 'delay', ms: decision.ms };
      }
      this.logger.warn(`notification ${n.id}: attempt ${open.attempt} left no outcome (${decision.why}); sending again`);
      await this.notifications.abandonAttempt(n.id, open.attempt);
      unresolved = [...unresolved, open.attempt];
    }
    const send = { ...n, unresolvedAttempts: unresolved };

    const tenant = await this.tenants.get(send.tenantId);
    if (!tenant) return this.fail(send, send.attempts, { kind: 'permanent', title: 'tenant no longer exists' }, null);
    const provider = this.providers.providerFor(tenant);
    const parameters = send.parameters as unknown as RenderedParameters;
    // Before the slot and the attempt: a slow fetch or upload holds neither, a worker killed during
    // it leaves nothing to reconcile, and its failure can only ever mean "by link".
    const media = await this.media.idFor(tenant, provider, parameters);
    // A slot within a second is waited for here, on a timer; a later one (the recipient's 6 s, a
    // slow number's backlog) goes back to the queue as a delay, freeing the job's place.
    const perSecond = await this.limiter.rateFor(tenant.phoneNumberId, tenant.throughputPerSecond);
    const slot = await this.limiter.acquire(tenant.phoneNumberId, perSecond, send.recipient, this.config.RECIPIENT_MIN_INTERVAL_MS, IN_JOB_WAIT_MAX_MS);
    if (!slot.taken) return { kind: 'delay', ms: slot.retryInMs };
    if (slot.waitMs > 0) await sleep(slot.waitMs);

    const attempt = send.attempts + 1;
    // Cancelled since it was loaded (the recipient was erased): never sent.
    if (!(await this.notifications.startAttempt(send.id, attempt))) return { kind: 'done', outcome: 'nothing-to-do' };
    try {
      const message = {
        to: send.recipient,
        template: { name: send.templateName, language: send.language },
        parameters,
        bizOpaqueCallbackData: callbackDataFor(send.id, attempt),
      };
      let result;
      try {
        result = await provider.sendTemplate(media ? { ...message, headerMediaId: media.mediaId } : message);
      } catch (err) {
        // Meta refused the id itself (expired or deleted early): nothing was sent, so the same
        // attempt goes again by link, and the next send uploads afresh.
        if (!media || !(err instanceof ProviderError) || err.code !== MEDIA_UPLOAD_ERROR || err.maybeSent) throw err;
        this.logger.warn(`notification ${send.id}: Meta refused the uploaded media id (${MEDIA_UPLOAD_ERROR}); sent by link instead`);
        // Best effort: a failed forget only means the next send tries the id once more.
        await this.media.forget(tenant, media).catch(() => undefined);
        result = await provider.sendTemplate(message);
      }
      await this.submitted(send, attempt, result.wamid, false);
      // Meta's answer names the number dialled (input), the wa_id it resolved (Brazil, Mexico: may
      // differ) and the BSUID: one person from now on. Best effort: the send is already recorded.
      await this.identities.link(send.tenantId, [[send.recipient, result.waId, result.userId ?? null]]).catch(() => {
        this.logger.warn(`notification ${send.id}: identifiers of the send answer not linked; its statuses will link them`);
      });
      return { kind: 'done', outcome: 'submitted' };
    } catch (err) {
      const error = err instanceof ProviderError ? err : ProviderError.network(err);
      if (error.maybeSent) {
        // No answer, yet the provider may have accepted it (a timeout under load): resending now
        // could send it twice. Like a crash mid-call, the attempt stays open and is reconciled
        // from its status webhooks on the next run (reconcile.ts decides when a resend is safe).
        this.logger.warn(`notification ${send.id}: attempt ${attempt} got no answer (${error.title}); waiting for its status webhook before any resend`);
        return { kind: 'delay', ms: Math.min(5_000, this.config.SEND_RECONCILE_WINDOW_MS) };
      }
      if (error.code !== null && metaErrorCode(error.code) === null) {
        // Codes only, never Meta's texts: they may quote the recipient.
        this.logger.warn(
          `notification ${send.id}: Meta error code ${error.code} (HTTP ${error.httpStatus ?? 'none'}) is not in the classification table; treated as ${error.kind}`,
        );
      }
      if (error.code === THROUGHPUT_EXCEEDED) {
        const pace = await this.limiter.throttled(tenant.phoneNumberId, tenant.throughputPerSecond).catch(() => null);
        if (pace && pace.after < pace.before) {
          this.logger.warn(
            `phone number id ${tenant.phoneNumberId}: repeated 130429 (throughput exceeded); sending at ${pace.after.toFixed(1)}/s instead of ${pace.before.toFixed(1)}/s, climbing back to ${tenant.throughputPerSecond}/s while Meta admits it`,
          );
        }
      }
      const decision = decideRetry({
        kind: error.kind,
        retryAfterMs: error.retryAfterMs,
        attempt,
        retryingSince,
        now: Date.now(),
        deadlineMs: this.config.SEND_RETRY_DEADLINE_MS,
        baseMs: this.config.SEND_BACKOFF_BASE_MS,
        maxDelayMs: MAX_RETRY_DELAY_MS,
        random: Math.random(),
      });
      // The provider's answer is recorded before anything else (the limiter's slot is Redis, not evidence).
      // A final transient kind is itself the record that the deadline ran out (message.failed's schema).
      const detail = errorDetail(error);
      if (!decision.retry) await this.recordFailure(send, attempt, detail, error.code);
      else await this.notifications.recordRetry(send.id, attempt, detail, error.code);
      await this.limiter.release(tenant.phoneNumberId, send.recipient).catch(() => undefined);
      if (!decision.retry) return this.afterFailure(send, detail, error.code);
      this.logger.log(`notification ${send.id}: attempt ${attempt} refused (${error.kind}, code ${error.code ?? 'none'}); retry in ${decision.delayMs} ms`);
      return { kind: 'delay', ms: decision.delayMs, retryingSince: decision.retryingSince };
    }
  }

  private async submitted(n: PendingSend, attempt: number, wamid: string, reconciled: boolean): Promise<void> {
    // Since July 2025 a utility template inside an open customer-service window is free: say which.
    const windowOpen = isWindowOpen(n.windowOpenUntil);
    const pricing: MessageSubmittedV2Body['pricing'] = { windowOpen, expected: n.category === 'UTILITY' && windowOpen ? 'free' : 'billable' };
    const entry = submittedEntry(n, { wamid, attempt, pricing, ...(reconciled ? { reconciled: true } : {}), ...unresolved(n) });
    await this.notifications.recordSubmitted(n.id, attempt, wamid, entry);
    // Statuses that beat this record to the database are rare: the status sweep attaches them
    // within seconds, which keeps three round trips off every send.
    if (reconciled) await this.statuses.attach([wamid]);
  }

  private async fail(n: PendingSend, attempt: number, error: JsonObject, code: number | null): Promise<SendStep> {
    await this.recordFailure(n, attempt, error, code);
    return this.afterFailure(n, error, code);
  }

  private async recordFailure(n: PendingSend, attempt: number, error: JsonObject, code: number | null): Promise<void> {
    await this.notifications.recordFailed(n.id, attempt, error, code, failedEntry(n, { attempt, error: error as SendFailure, ...unresolved(n) }));
  }

  private async afterFailure(n: PendingSend, error: JsonObject, code: number | null): Promise<SendStep> {
    // Meta says the user stopped this business's marketing messages: that is an opt-out, ledgered as one.
    const optOut = marketingOptOutByError({ codes: [code], ref: n.id });
    if (optOut) {
      await this.consents.record(n.tenantId, {
        clientId: optOut.clientId,
        phone: n.recipient,
        category: optOut.category,
        action: optOut.action,
        source: optOut.source,
        evidence: { notificationId: n.id, code: optOut.code },
        occurredAt: new Date(),
      });
    }
    this.logger.warn(`notification ${n.id} failed: ${String(error.code ?? '')} ${String(error.title)}`);
    return { kind: 'done', outcome: 'failed' };
  }
}

/** Earlier attempts given up on without an answer: the entry says this message may have a twin. */
function unresolved(n: PendingSend): { unresolvedAttempts?: number[] } {
  return n.unresolvedAttempts.length > 0 ? { unresolvedAttempts: n.unresolvedAttempts } : {};
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
