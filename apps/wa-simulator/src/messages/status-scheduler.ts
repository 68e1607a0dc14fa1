import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { StatusError } from '../graph/meta-errors.js';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';
import { SimulatorLifetime } from '../simulator-lifetime.js';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher.js';
import { numberChange, unixSeconds, type WebhookEnvelope } from '../webhooks/webhook-payloads.js';
import type { AcceptedMessage, StatusName } from './message-store.js';

export interface StatusStep {
  status: StatusName;
  /** After the send; also what the status's `timestamp` says. */
  delayMs: number;
  error?: StatusError;
  /** Never delivered (failure mode statusWebhookDropRate). */
  dropped?: boolean;
}

export interface Pricing {
  billable: boolean;
  pricing_model: 'PMP';
  type: 'regular' | 'free_customer_service';
  category: 'marketing' | 'utility' | 'authentication';
}

export interface StatusPlan {
  message: AcceptedMessage;
  steps: StatusStep[];
  pricing: Pricing;
  duplicate: boolean;
  outOfOrder: boolean;
}

/**
 * POSTs each accepted message's status webhooks at their delays. One message's webhooks go out
 * one after the other (a retried `sent` is not overtaken by `delivered`), so they arrive in order
 * unless the plan asks for out-of-order: then all are sent at the last delay, newest first, each
 * still carrying the timestamp of when it happened.
 */
@Injectable()
export class StatusScheduler {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    @Inject(SIMULATOR_OPTIONS) private readonly options: SimulatorOptions,
    private readonly dispatcher: WebhookDispatcher,
    private readonly lifetime: SimulatorLifetime,
  ) {}

  schedule(plan: StatusPlan): void {
    const run: Promise<void> = this.run(plan, this.lifetime.signal)
      .catch(() => undefined)
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Resolves once every scheduled status webhook has been POSTed (or given up on). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async run(plan: StatusPlan, signal: AbortSignal): Promise<void> {
    const acceptedAt = Date.parse(plan.message.acceptedAt);
    const last = Math.max(...plan.steps.map((s) => s.delayMs));
    const posts = plan.outOfOrder ? [...plan.steps].reverse() : plan.steps;
    for (const step of posts) {
      const wait = acceptedAt + (plan.outOfOrder ? last : step.delayMs) - Date.now();
      if (wait > 0) await sleep(wait, undefined, { signal });
      if (step.dropped) continue;
      const payload = this.payload(plan, step, acceptedAt);
      for (let copy = 0; copy < (plan.duplicate ? 2 : 1); copy++) {
        signal.throwIfAborted();
        await this.dispatcher.deliver('messages', `status ${step.status} …${plan.message.wamid.slice(-12)}`, payload);
      }
    }
  }

  private payload(plan: StatusPlan, step: StatusStep, acceptedAt: number): WebhookEnvelope {
    const { message } = plan;
    // Meta leaves pricing out of a failed status: a message that failed is not charged.
    const status = {
      id: message.wamid,
      status: step.status,
      timestamp: String(unixSeconds(acceptedAt + step.delayMs)),
      // Meta's resolved wa_id (not necessarily the number dialled) and, since usernames, the BSUID.
      ...(message.waId !== undefined && { recipient_id: message.waId }),
      ...(message.userId !== undefined && { recipient_user_id: message.userId }),
      ...(message.bizOpaqueCallbackData !== null && { biz_opaque_callback_data: message.bizOpaqueCallbackData }),
      ...(step.status !== 'failed' && { pricing: plan.pricing }),
      ...(step.error && { errors: [step.error] }),
    };
    return numberChange(
      { wabaId: this.options.wabaId, phoneNumberId: message.phoneNumberId, displayPhoneNumber: this.options.displayPhoneNumber },
      'messages',
      { statuses: [status] },
    );
  }
}
