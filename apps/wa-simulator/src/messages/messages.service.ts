import { Inject, Injectable, Logger } from '@nestjs/common';
import { sendContact, type SendContact } from './user-ids.js';
import { FailureModesState, type FailureModes } from '../control/failure-modes.js';
import { GraphError } from '../graph/graph-error.js';
import { metaError, statusError } from '../graph/meta-errors.js';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from '../simulator-options.js';
import type { MetaTemplate } from '../templates/meta-template.js';
import { TemplateCatalog } from '../templates/template-catalog.js';
import { maskPhone } from './mask-phone.js';
import { MessageStore, type AcceptedMessage } from './message-store.js';
import { Recipients } from './recipients.js';
import { isRecord, readSendRequest, type TemplateSendRequest } from './send-request.js';
import { StatusScheduler, type Pricing, type StatusStep } from './status-scheduler.js';
import { checkTemplateParameters } from './template-parameters.js';
import { MediaStore, mediaIdsOf } from '../media/media-store.js';

/** Meta's "Media upload error", answered here for a media id it does not have (unknown, another number's, expired). */
const MEDIA_UPLOAD_ERROR = 131053;
import { ThroughputLimiter } from './throughput-limiter.js';
import { newWamid } from './wamid.js';

/** Meta's answer to an accepted send. */
export interface SendResponse {
  messaging_product: 'whatsapp';
  contacts: SendContact[];
  messages: { id: string; message_status: 'accepted' }[];
}

// Digits with country code, as WhatsApp ids are; anything else is accepted and then fails 131026.
const WHATSAPP_NUMBER = /^[1-9]\d{6,14}$/;
// Meta-side trouble. Not 130429: Meta answers it only beyond the number's throughput
// (https://developers.facebook.com/documentation/business-messaging/whatsapp/throughput), which
// `throughputPerSecond` simulates, and a sender rightly slows down on it.
const TRANSIENT_CODES = [131000, 131016];
const FAILURE_RATE_CODES = [131049, 131026];

/**
 * `POST /{version}/{phone-number-id}/messages`, checked in Meta's order: the number, Meta-side
 * transient trouble, throughput, the request, the template and its parameters. Problems with the
 * recipient itself (not a WhatsApp number, stopped marketing) are not answered here: like Meta,
 * the send gets a wamid and the error comes in a `failed` status webhook.
 */
@Injectable()
export class MessagesService {
  private readonly logger = new Logger('Simulator');

  constructor(
    @Inject(SIMULATOR_OPTIONS) private readonly options: SimulatorOptions,
    private readonly catalog: TemplateCatalog,
    private readonly store: MessageStore,
    private readonly throughput: ThroughputLimiter,
    private readonly failureModes: FailureModesState,
    private readonly recipients: Recipients,
    private readonly scheduler: StatusScheduler,
    private readonly media: MediaStore,
  ) {}

  send(phoneNumberId: string, body: unknown): SendResponse {
    if (phoneNumberId !== this.options.phoneNumberId) throw GraphError.unknownObject('POST', phoneNumberId);
    try {
      return this.accept(phoneNumberId, body);
    } catch (err) {
      if (err instanceof GraphError) this.logger.log(`send refused (#${err.code}) ${describeSend(body)}`);
      throw err;
    }
  }

  private accept(phoneNumberId: string, body: unknown): SendResponse {
    const modes = this.failureModes.current();
    if (this.options.random() < modes.transientErrorRate) throw GraphError.whatsapp(this.pick(TRANSIENT_CODES));
    if (!this.throughput.admit(phoneNumberId, modes.throughputPerSecond)) throw GraphError.whatsapp(130429);
    const request = readSendRequest(body);
    if (request.to === this.options.displayPhoneNumber) throw GraphError.whatsapp(131021);
    const template = this.sendableTemplate(request.template.name, request.template.language);
    // Meta refuses authentication templates to a business-scoped user id (a one-time code needs the number).
    if (request.byUserId && template.category === 'AUTHENTICATION') throw GraphError.whatsapp(131062);
    const contact = sendContact(request.to, request.byUserId);
    checkTemplateParameters(template, request.template.components);
    for (const id of mediaIdsOf(request.template.components)) {
      const media = this.media.check(id, phoneNumberId);
      if (!media.ok)
        throw GraphError.whatsapp(
          MEDIA_UPLOAD_ERROR,
          `Media id ${id} is ${media.why === 'expired' ? 'expired (media ids last 30 days)' : 'not valid for this phone number'}: upload the file again.`,
        );
    }
    const forced = this.failureModes.takePermanentError();
    if (forced !== null && !metaError(forced).async) throw GraphError.whatsapp(forced);

    const steps = this.statusSteps(request, template, forced, modes).map((s) => ({
      ...s,
      delayMs: s.delayMs + modes.statusWebhookDelayMs,
      dropped: modes.statusWebhookDropRate > 0 && this.options.random() < modes.statusWebhookDropRate,
    }));
    const message: AcceptedMessage = {
      wamid: newWamid(request.to),
      phoneNumberId,
      to: request.to,
      ...(contact.wa_id !== undefined && { waId: contact.wa_id }),
      userId: contact.user_id,
      template: { name: template.name, language: template.language, category: template.category },
      components: request.template.components,
      bizOpaqueCallbackData: request.bizOpaqueCallbackData,
      acceptedAt: new Date().toISOString(),
      statuses: steps.map((s) => s.status),
      droppedStatuses: steps.filter((s) => s.dropped).map((s) => s.status),
      errorCode: steps.find((s) => s.error)?.error?.code ?? null,
    };
    this.store.add(message);
    this.scheduler.schedule({
      message,
      steps,
      pricing: this.pricing(template, request.to),
      duplicate: modes.duplicateWebhooks,
      outOfOrder: modes.outOfOrder,
    });
    this.logger.log(
      `send accepted ${describeSend(body)} …${message.wamid.slice(-12)} → ${message.statuses.join(',')}${message.errorCode ? ` (#${message.errorCode})` : ''}`,
    );
    return {
      messaging_product: 'whatsapp',
      contacts: [contact],
      messages: [{ id: message.wamid, message_status: 'accepted' }],
    };
  }

  private sendableTemplate(name: string, language: string): MetaTemplate {
    const template = this.catalog.find(name, language);
    if (!template) throw GraphError.whatsapp(132001, `template name (${name}) does not exist in ${language}`);
    switch (template.status) {
      case 'APPROVED':
        return template;
      case 'PAUSED':
        throw GraphError.whatsapp(132015, `template ${name} (${language}) is paused`);
      case 'DISABLED':
        throw GraphError.whatsapp(132016, `template ${name} (${language}) is disabled`);
      default:
        // Meta knows no sendable translation until it is approved.
        throw GraphError.whatsapp(132001, `template name (${name}) does not exist in ${language} (status ${template.status})`);
    }
  }

  private statusSteps(request: TemplateSendRequest, template: MetaTemplate, forced: number | null, modes: FailureModes): StatusStep[] {
    const [sent, delivered, read] = modes.statusDelaysMs;
    // Never left Meta: the number is no WhatsApp account, or the user refused marketing. A BSUID
    // names a WhatsApp user by definition: it is delivered like a number.
    if (!request.byUserId && !WHATSAPP_NUMBER.test(request.to)) return [{ status: 'failed', delayMs: sent, error: statusError(131026) }];
    if (template.category === 'MARKETING' && this.recipients.stoppedMarketingMessages(request.to)) {
      return [{ status: 'failed', delayMs: sent, error: statusError(131050) }];
    }
    const failure = forced ?? (this.options.random() < modes.failureRate ? this.pick(FAILURE_RATE_CODES) : null);
    if (failure !== null) {
      return [
        { status: 'sent', delayMs: sent },
        { status: 'failed', delayMs: delivered, error: statusError(failure) },
      ];
    }
    return [
      { status: 'sent', delayMs: sent },
      { status: 'delivered', delayMs: delivered },
      { status: 'read', delayMs: read },
    ];
  }

  private pricing(template: MetaTemplate, to: string): Pricing {
    const category = template.category.toLowerCase() as Pricing['category'];
    const free = category === 'utility' && this.recipients.inServiceWindow(to);
    return { billable: !free, pricing_model: 'PMP', type: free ? 'free_customer_service' : 'regular', category };
  }

  private pick(codes: number[]): number {
    return codes[Math.min(Math.floor(this.options.random() * codes.length), codes.length - 1)];
  }
}

/** `order_status_update/it to +39******4567`, from whatever the request holds. */
function describeSend(body: unknown): string {
  const b = isRecord(body) ? body : {};
  const template = isRecord(b['template']) ? b['template'] : {};
  const language = isRecord(template['language']) ? template['language']['code'] : undefined;
  const to = typeof b['to'] === 'string' ? maskPhone(b['to']) : '(no recipient)';
  return `${String(template['name'] ?? '?').slice(0, 64)}/${String(language ?? '?').slice(0, 16)} to ${to}`;
}
