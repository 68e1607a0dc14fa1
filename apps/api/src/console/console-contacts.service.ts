import { Injectable } from '@nestjs/common';
import { actorOf, type Principal } from '#sigillo/auth';
import { CONSENT_CATEGORIES, ConsentService } from '#sigillo/consent';
import { ContactsService } from '#sigillo/conversations';
import { ErasureService, type ErasureAnswer } from '#sigillo/erasure';
import { checkErasureConfirm, checkStaffConsent, ERASURE_KEEPS } from './console-input.js';
import { ConsoleMessagesService, type MessageItem } from './console-messages.service.js';
import { ConsoleScope, valid } from './console-scope.js';
import { consentSourceKind, STAFF_CONSENT_SOURCE, type ConsentSourceKind } from './consent-source.js';

export interface ConsoleContact {
  identifier: string;
  window: { open: boolean; until: string | null; lastInboundAt: string | null };
  consents: {
    category: string;
    state: 'opt_in' | 'opt_out' | 'none';
    since: string | null;
    history: { state: 'opt_in' | 'opt_out'; at: string; source: ConsentSourceKind; seq: number | null }[];
  }[];
  recentMessages: MessageItem[];
  erasure: { keeps: readonly string[] };
}

const RECENT = 20;

/** One recipient for staff: the window, consent with its history, recent messages; consent by staff; erasure. */
@Injectable()
export class ConsoleContactsService {
  constructor(
    private readonly scope: ConsoleScope,
    private readonly contacts: ContactsService,
    private readonly consents: ConsentService,
    private readonly erasure: ErasureService,
    private readonly messages: ConsoleMessagesService,
  ) {}

  async contact(principal: Principal, requestedTenant: unknown, identifier: string): Promise<ConsoleContact> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    const view = await this.contacts.contact(tenant.id, identifier);
    const [history, recentMessages] = await Promise.all([
      this.consents.history(tenant.id, view.phone),
      this.messages.forRecipients(tenant.id, [view.phone], RECENT),
    ]);
    return {
      identifier: view.phone,
      window: { open: view.window.open, until: view.window.openUntil, lastInboundAt: view.window.lastInboundAt },
      consents: CONSENT_CATEGORIES.map((category) => {
        const changes = history.filter((h) => h.category === category);
        // history() is newest first; the first is the change in force.
        const current = changes[0];
        return {
          category,
          state: current ? current.action : 'none',
          since: current ? current.occurredAt.toISOString() : null,
          history: changes.map((h) => ({
            state: h.action,
            at: h.occurredAt.toISOString(),
            source: consentSourceKind(h.source),
            seq: h.seq === null ? null : Number(h.seq),
          })),
        };
      }),
      recentMessages,
      erasure: { keeps: ERASURE_KEEPS },
    };
  }

  /** A consent recorded by staff: its consent.changed entry names the account (source `staff`, evidence.recordedBy). */
  async recordConsent(
    principal: Principal,
    requestedTenant: unknown,
    identifier: string,
    body: unknown,
  ): Promise<{ consentId: string; category: string; state: string; recordedAt: string }> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    const input = valid(checkStaffConsent(body));
    const view = await this.contacts.contact(tenant.id, identifier);
    const { consent } = await this.consents.record(tenant.id, {
      phone: view.phone,
      category: input.category,
      action: input.action,
      source: STAFF_CONSENT_SOURCE,
      evidence: { recordedBy: actorOf(principal), channel: 'console', ...(input.note ? { note: input.note } : {}) },
      occurredAt: new Date(),
    });
    return { consentId: consent.id, category: consent.category, state: consent.action, recordedAt: consent.recordedAt.toISOString() };
  }

  /** Erasure behind a confirmation that repeats the identifier; recorded with the actor (config.erasure_ordered). */
  async erase(principal: Principal, requestedTenant: unknown, identifier: string, body: unknown): Promise<ErasureAnswer> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    valid(checkErasureConfirm(body, identifier));
    return this.erasure.erase(tenant.id, identifier, undefined, actorOf(principal));
  }
}
