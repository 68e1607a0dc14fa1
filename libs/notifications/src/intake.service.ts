import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { createHash, randomUUID } from 'node:crypto';
import { ConsentRepository } from '#sigillo/consent';
import { EventMetrics } from '#sigillo/observability';
import type { JsonObject, NewLedgerEntry } from '#sigillo/ledger';
import { eventReceived, notificationDecided, notificationDecidedV2, type EventReceivedV2Body, type NotificationDecidedBody } from '#sigillo/ledger';
import type { PasswebEvent, CountryCode } from '#sigillo/passweb';
import { validateEventBody } from '#sigillo/passweb';
import { decide, PolicyDecision } from '#sigillo/policy';
import { CatalogService } from '#sigillo/templates';
import { TenantsService } from '#sigillo/tenants';
import { ERASED_REQUEST_HASH, type IntakeAnswer, type NewIntake } from './notification-records.js';
import { NotificationRepository } from './notification.repository.js';

/**
 * POST /v1/events: validates, decides by policy, and records the event, the decision and (for a
 * send) the outbox row in one transaction before answering. The same event id always gets the
 * first answer; the same id with another body is a conflict.
 */
@Injectable()
export class IntakeService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly catalog: CatalogService,
    private readonly consents: ConsentRepository,
    private readonly notifications: NotificationRepository,
    private readonly metrics: EventMetrics,
  ) {}

  async accept(tenantId: string, body: unknown, requestId: string | null = null): Promise<IntakeAnswer> {
    const tenant = await this.tenants.get(tenantId);
    if (!tenant) throw new NotFoundException('tenant not found');
    const validation = validateEventBody(body, { defaultCountry: tenant.defaultCountry as CountryCode });
    if (!validation.ok) {
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: validation.errors.map((e) => `${e.field}: ${e.message}`),
        errors: validation.errors,
        ...(validation.validTypes ? { validTypes: validation.validTypes } : {}),
      });
    }
    const event = validation.event;
    const requestHash = createHash('sha256')
      .update(canonicalize(body) ?? '')
      .digest('hex');

    const catalog = await this.catalog.catalog(tenant.id);
    const decision = decide({
      event,
      defaultLanguage: tenant.defaultLanguage,
      binding: catalog.bindings.get(event.type) ?? null,
      templates: catalog.findTemplate,
      consent: await this.consents.view(tenant.id, event.recipient.phone),
      now: new Date(),
    });

    const notificationId = randomUUID();
    const result = await this.notifications.recordIntake(intakeRecord(tenant.id, event, requestHash, requestId, notificationId, decision));
    if (result.created) {
      this.metrics.received(event.type, decision.decision, decision.decision === 'SKIP' ? decision.reason : undefined);
      return { eventId: event.id, notificationId, decision: decision.decision, ...(decision.decision === 'SKIP' ? { reason: decision.reason } : {}) };
    }
    if (result.requestHash !== requestHash && result.requestHash !== ERASED_REQUEST_HASH) {
      throw new ConflictException(`event ${event.id} was already received with a different body`);
    }
    return result.answer;
  }
}

function intakeRecord(
  tenantId: string,
  event: PasswebEvent,
  requestHash: string,
  requestId: string | null,
  notificationId: string,
  decision: PolicyDecision,
): NewIntake {
  const payload = eventPayload(event);
  const template = decision.decision === 'SEND' ? decision.template : decision.template;
  const decided: NotificationDecidedBody = {
    tenantId,
    eventId: event.id,
    notificationId,
    decision: decision.decision,
    ...(decision.decision === 'SKIP' ? { reason: decision.reason } : {}),
    ...(template ? { template: { name: template.name, language: template.language, category: template.category, status: template.status } } : {}),
    ...(decision.consent
      ? {
          consent: {
            consentId: decision.consent.consentId,
            action: decision.consent.action,
            seq: decision.consent.seq === null ? null : Number(decision.consent.seq),
          },
        }
      : {}),
    ...(decision.decision === 'SKIP' && decision.missing ? { missing: decision.missing } : {}),
  };
  const subjectPhone = event.recipient.phone;
  const entries: NewLedgerEntry[] = [
    eventReceived({ tenantId, eventId: event.id, eventType: event.type, ...payload }, event.occurredAt),
    // Version 2 only when it has more to say: Meta's reason for the template's status (a pause).
    decision.decision === 'SKIP' && decision.template?.statusReason && decided.template
      ? notificationDecidedV2({ ...decided, template: { ...decided.template, statusReason: decision.template.statusReason } }, new Date(), subjectPhone)
      : notificationDecided(decided, new Date(), subjectPhone),
  ];
  return {
    tenantId,
    eventId: event.id,
    eventType: event.type,
    requestHash,
    requestId,
    occurredAt: event.occurredAt,
    payload: payload as JsonObject,
    notification: {
      id: notificationId,
      decision: decision.decision,
      reason: decision.decision === 'SKIP' ? decision.reason : null,
      templateName: template?.name ?? null,
      language: template?.language ?? null,
      category: template?.category ?? null,
      recipient: event.recipient.phone,
      parameters: decision.decision === 'SEND' ? (decision.parameters as unknown as JsonObject) : null,
    },
    ledgerEntries: entries,
  };
}

/** The event as recorded (and committed to in the ledger): personal data included, salted there. */
function eventPayload(event: PasswebEvent): Omit<EventReceivedV2Body, 'tenantId' | 'eventId' | 'eventType'> {
  const { userId, phone, name, language, groups, whatsappOptOut } = event.recipient;
  return {
    occurredAt: event.occurredAt.toISOString(),
    recipient: { userId, phone, ...(name ? { name } : {}), ...(language ? { language } : {}), groups, whatsappOptOut },
    data: event.data as EventReceivedV2Body['data'],
    createdByAgent: event.createdByAgent,
  };
}
