import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { TemplateCategory, TemplateStatus } from '#sigillo/whatsapp';
import { MediaStore, type UploadedMedia } from '../media/media-store.js';
import { statusError } from '../graph/meta-errors.js';
import { maskPhone } from '../messages/mask-phone.js';
import { MessageStore, type AcceptedMessage } from '../messages/message-store.js';
import { Recipients } from '../messages/recipients.js';
import { StatusScheduler } from '../messages/status-scheduler.js';
import { ThroughputLimiter } from '../messages/throughput-limiter.js';
import { newWamid } from '../messages/wamid.js';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';
import { SimulatorLifetime } from '../simulator-lifetime.js';
import type { MetaTemplate, TemplateQualityScore } from '../templates/meta-template.js';
import { TemplateCatalog } from '../templates/template-catalog.js';
import { WebhookDispatcher, type WebhookRecord } from '../webhooks/webhook-dispatcher.js';
import { inboundValue, type InboundKind } from '../webhooks/inbound-messages.js';
import { envelope, numberChange, unixSeconds, type BusinessNumber } from '../webhooks/webhook-payloads.js';
import { FailureModesState, type FailureModes } from './failure-modes.js';

export interface InboundMessage {
  from: string;
  /** What the user sends; text when left out. */
  type?: InboundKind;
  /** text: the body; button: the quick reply; button_reply/list_reply: the title; image: the caption. */
  text?: string;
  /** reaction: the emoji; left out, the reaction is removed. */
  emoji?: string;
  /** The business message replied or reacted to (a wamid). */
  replyTo?: string;
  /** system: the user's new number. */
  newNumber?: string;
  /** system: the user's new business-scoped user id (user_changed_user_id, no number shared); userId is the previous one. */
  newUserId?: string;
  /** Unix seconds; now when left out. */
  timestamp?: number;
  name?: string;
  /** The user's BSUID, beside the number in the webhook. */
  userId?: string;
  /** A user who adopted a username: the webhook names them by `userId` only. */
  hidePhone?: boolean;
}

/**
 * The simulator's control surface, behind the /_sim endpoints and handed to in-process tests:
 * what was sent and POSTed, failure modes, and the events only a WhatsApp user or Meta can cause
 * (an inbound message, a template status change, a marketing opt-out). Webhook-emitting methods
 * resolve once the webhook is delivered or given up on, so a caller can assert right after.
 */
@Injectable()
export class SimulatorControl {
  private readonly logger = new Logger('Simulator');

  constructor(
    @Inject(SIMULATOR_OPTIONS) private readonly options: SimulatorOptions,
    private readonly store: MessageStore,
    private readonly dispatcher: WebhookDispatcher,
    private readonly failureModes: FailureModesState,
    private readonly catalog: TemplateCatalog,
    private readonly recipients: Recipients,
    private readonly scheduler: StatusScheduler,
    private readonly throughput: ThroughputLimiter,
    private readonly lifetime: SimulatorLifetime,
    private readonly uploads: MediaStore,
  ) {}

  media(): UploadedMedia[] {
    return this.uploads.list();
  }

  /** NotFoundException for an id never uploaded. */
  expireMedia(id: string): void {
    if (!this.uploads.expire(id)) throw new NotFoundException(`no uploaded media ${id}`);
  }

  messages(to?: string): AcceptedMessage[] {
    return this.store.list(to);
  }

  webhooks(field?: string): WebhookRecord[] {
    return this.dispatcher.log(field);
  }

  counts(): { messages: number; statuses: number; webhooks: number; webhooksPending: number } {
    return { ...this.store.counts(), ...this.dispatcher.counts() };
  }

  templates(): readonly MetaTemplate[] {
    return this.catalog.all();
  }

  getFailureModes(): FailureModes {
    return this.failureModes.current();
  }

  setFailureModes(patch: Partial<FailureModes>): FailureModes {
    return this.failureModes.update(patch);
  }

  get webhookUrl(): string | null {
    return this.dispatcher.webhookUrl;
  }

  /** Where webhooks go from now on; null records them without POSTing. */
  setWebhookUrl(url: string | null): { url: string | null } {
    this.dispatcher.setUrl(url);
    return { url };
  }

  /** Resolves once every status webhook scheduled so far has been POSTed or given up on. */
  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  /**
   * Back to a fresh start: pending status webhooks and retries are cancelled; messages, the
   * webhook log, uploaded media, failure modes, throughput windows, opt-outs and service windows are cleared;
   * templates are re-read from the seed file. The webhook URL is kept.
   */
  reset(): void {
    this.lifetime.restart();
    this.store.clear();
    this.uploads.clear();
    this.dispatcher.clear();
    this.failureModes.reset();
    this.throughput.reset();
    this.recipients.reset();
    this.catalog.reload();
  }

  /**
   * A WhatsApp user writes, taps a reply, reacts, sends an image or something Cloud API does not
   * support: their 24-hour customer-service window opens. A `system` message (the user changed
   * number) is WhatsApp's notice and leaves the window as it is.
   */
  async inbound(message: InboundMessage): Promise<{ id: string; webhook: WebhookRecord }> {
    const kind = message.type ?? 'text';
    const timestamp = message.timestamp ?? unixSeconds();
    const id = newWamid(message.from);
    if (kind !== 'system') this.recipients.noteInbound(message.from, timestamp * 1000);
    this.logger.log(`inbound ${kind} message from ${maskPhone(message.from)}`);
    const value = inboundValue({
      kind,
      from: message.from,
      id,
      timestamp,
      ...(message.text !== undefined && { text: message.text }),
      ...(message.emoji !== undefined && { emoji: message.emoji }),
      ...(message.replyTo !== undefined && { replyTo: message.replyTo }),
      ...(message.newNumber !== undefined && { newNumber: message.newNumber }),
      ...(message.newUserId !== undefined && { newUserId: message.newUserId }),
      ...(message.userId !== undefined && { userId: message.userId }),
      ...(message.hidePhone !== undefined && { hidePhone: message.hidePhone }),
      name: message.name ?? `Cliente ${message.from.slice(-4)}`,
      businessNumber: this.options.displayPhoneNumber,
    });
    const payload = numberChange(this.businessNumber(), 'messages', value);
    return { id, webhook: await this.dispatcher.deliver('messages', `inbound ${kind} message`, payload) };
  }

  /**
   * Meta reviews, pauses or disables a template. NotFoundException when there is no such
   * name/language. `event` is Meta's webhook event when it is not the status itself (REINSTATED,
   * FLAGGED); `pauseTitle` the pause's other_info title (FIRST_PAUSE by default, SECOND_PAUSE,
   * RATE_LIMITING_PAUSE); `time` the entry's time (unix seconds), now by default.
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_status_update
   */
  async setTemplateStatus(
    name: string,
    language: string,
    status: TemplateStatus,
    reason?: string,
    options: { event?: string; pauseTitle?: string; time?: number } = {},
  ): Promise<{ template: MetaTemplate; webhook: WebhookRecord }> {
    const previous = this.catalog.find(name, language)?.status;
    const template = this.catalog.setStatus(name, language, status, reason ?? null);
    if (!template) throw new NotFoundException(`no template ${name} in language ${language}`);
    this.logger.log(`template ${name}/${language}: ${previous} → ${status}`);
    const now = options.time ?? unixSeconds();
    const payload = envelope(
      this.options.wabaId,
      'message_template_status_update',
      {
        event: options.event ?? status,
        message_template_id: Number(template.id),
        message_template_name: name,
        message_template_language: language,
        reason: reason ?? 'NONE',
        message_template_category: template.category,
        ...(status === 'DISABLED' && { disable_info: { disable_date: now } }),
        ...(status === 'PAUSED' && {
          other_info: { title: options.pauseTitle ?? 'FIRST_PAUSE', description: 'Your WhatsApp message template has been paused.' },
        }),
        ...(status === 'REJECTED' &&
          reason === 'INVALID_FORMAT' && {
            rejection_info: {
              reason: 'The template has a formatting problem.',
              recommendation: 'Check the variables and their examples, then submit it again.',
            },
          }),
        ...(status === 'APPROVED' &&
          previous === 'PAUSED' && { other_info: { title: 'UNPAUSE', description: 'Your WhatsApp message template has been unpaused.' } }),
      },
      now,
    );
    return { template, webhook: await this.dispatcher.deliver('message_template_status_update', `template ${name}/${language} ${status}`, payload) };
  }

  /**
   * Meta rates the template's quality anew.
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/message_template_quality_update
   */
  async setTemplateQuality(
    name: string,
    language: string,
    score: TemplateQualityScore,
    time?: number,
  ): Promise<{ template: MetaTemplate; webhook: WebhookRecord }> {
    const previous = this.catalog.find(name, language)?.quality_score?.score ?? 'UNKNOWN';
    const template = this.catalog.setQuality(name, language, score);
    if (!template) throw new NotFoundException(`no template ${name} in language ${language}`);
    this.logger.log(`template ${name}/${language}: quality ${previous} → ${score}`);
    const payload = envelope(
      this.options.wabaId,
      'message_template_quality_update',
      {
        previous_quality_score: previous,
        new_quality_score: score,
        message_template_id: Number(template.id),
        message_template_name: name,
        message_template_language: language,
      },
      time ?? unixSeconds(),
    );
    return { template, webhook: await this.dispatcher.deliver('message_template_quality_update', `template ${name}/${language} quality ${score}`, payload) };
  }

  /**
   * Meta recategorises the template, or (impending) announces that it will at `effectiveAt`
   * (unix seconds, 24 hours on by default): the catalog changes only with a completed change.
   * https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/reference/template_category_update
   */
  async setTemplateCategory(
    name: string,
    language: string,
    category: TemplateCategory,
    options: { impending?: boolean; effectiveAt?: number; time?: number } = {},
  ): Promise<{ template: MetaTemplate; webhook: WebhookRecord }> {
    const current = this.catalog.find(name, language);
    if (!current) throw new NotFoundException(`no template ${name} in language ${language}`);
    const previous = current.category;
    const now = options.time ?? unixSeconds();
    const template = options.impending ? current : this.catalog.setCategory(name, language, category)!;
    this.logger.log(`template ${name}/${language}: category ${previous} → ${category}${options.impending ? ' (announced)' : ''}`);
    const ids = { message_template_id: Number(template.id), message_template_name: name, message_template_language: language };
    const value = options.impending
      ? { ...ids, correct_category: category, new_category: previous, category_update_timestamp: options.effectiveAt ?? now + 24 * 3600 }
      : { ...ids, previous_category: previous, new_category: category };
    const payload = envelope(this.options.wabaId, 'template_category_update', value, now);
    return { template, webhook: await this.dispatcher.deliver('template_category_update', `template ${name}/${language} category ${category}`, payload) };
  }

  /**
   * Meta delivers a webhook again (it retries what it got no 200 for, and at times what it did):
   * the same payload, signed the same way, as a new delivery. NotFoundException for an id the log no longer keeps.
   */
  async redeliver(id: number): Promise<{ webhook: WebhookRecord }> {
    const record = this.dispatcher.log().find((r) => r.id === id);
    if (!record) throw new NotFoundException(`no webhook #${id} in the log`);
    return { webhook: await this.dispatcher.deliver(record.field, `${record.description} (re-delivered #${id})`, record.payload) };
  }

  /**
   * Meta reports an app- or account-level problem in a `messages` webhook, as `value.errors` with
   * no message or status (Meta's errors webhook reference), e.g. 130429 or 131000.
   */
  async accountError(code: number): Promise<{ webhook: WebhookRecord }> {
    const error = statusError(code);
    const payload = numberChange(this.businessNumber(), 'messages', {
      errors: [{ ...error, href: '/documentation/business-messaging/whatsapp/support/error-codes' }],
    });
    return { webhook: await this.dispatcher.deliver('messages', `account error ${code}`, payload) };
  }

  /** A user stops or resumes marketing messages; their marketing sends fail with 131050 while stopped. */
  async setUserPreference(
    waId: string,
    preference: 'stop' | 'resume',
    name?: string,
    /** The user's BSUID (`user_id` beside `wa_id`); hidePhone: a username user, named by it only. */
    user?: { userId: string; hidePhone?: boolean },
  ): Promise<{ webhook: WebhookRecord }> {
    this.recipients.setMarketingPreference(waId, preference);
    this.logger.log(`user ${maskPhone(waId)} ${preference === 'stop' ? 'stopped' : 'resumed'} marketing messages`);
    const ids = { ...(user?.hidePhone !== true && { wa_id: waId }), ...(user && { user_id: user.userId }) };
    const payload = numberChange(this.businessNumber(), 'user_preferences', {
      contacts: [{ ...(name !== undefined && { profile: { name } }), ...ids }],
      user_preferences: [
        {
          ...ids,
          detail: `User requested to ${preference} marketing messages`,
          category: 'marketing_messages',
          value: preference,
          timestamp: unixSeconds(),
        },
      ],
    });
    return { webhook: await this.dispatcher.deliver('user_preferences', `user preference ${preference}`, payload) };
  }

  private businessNumber(): BusinessNumber {
    return { wabaId: this.options.wabaId, phoneNumberId: this.options.phoneNumberId, displayPhoneNumber: this.options.displayPhoneNumber };
  }
}
