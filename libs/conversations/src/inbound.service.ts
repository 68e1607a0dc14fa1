import { Injectable, Logger } from '@nestjs/common';
import { ConsentRepository, ConsentService, matchOptOut, parseKeywordList } from '#sigillo/consent';
import { LedgerRepository, type JsonObject } from '#sigillo/ledger';
import { WorkerConfig } from '#sigillo/platform';
import type { Tenant } from '#sigillo/tenants';
import type { InboundMessage, MarketingPreference } from '#sigillo/whatsapp';
import { normalizeIdentifier } from './identity-links.js';
import { IdentityRepository } from './identity.repository.js';
import { InboundRepository } from './inbound.repository.js';
import { consentsToCarry, numberChangedEntry, type ConsentToCarry } from './number-change.js';

/**
 * What users tell the business through WhatsApp: their messages (recorded, opening the 24-hour
 * window, a bare opt-out keyword opting out of marketing), changes of number or BSUID, Meta's
 * marketing preferences, and opt-outs Meta reports as send errors.
 */
@Injectable()
export class InboundService {
  private readonly logger = new Logger(InboundService.name);
  private readonly keywords: string[];

  constructor(
    config: WorkerConfig,
    private readonly inbound: InboundRepository,
    private readonly identities: IdentityRepository,
    private readonly consents: ConsentService,
    private readonly consentViews: ConsentRepository,
    private readonly ledger: LedgerRepository,
  ) {
    this.keywords = parseKeywordList(config.OPT_OUT_KEYWORDS);
  }

  /** A user's message: recorded, opens the 24-hour window, and a bare opt-out keyword opts out of marketing. */
  async applyMessage(tenant: Tenant, m: InboundMessage): Promise<void> {
    // The number Meta gives or, for a user who shows none (a username), the BSUID: recorded, never dropped.
    const phone = subject(m.from);
    if (!phone) return;
    await this.identities.link(tenant.id, [m.identifiers]);
    if (m.systemType !== null) {
      const to = m.changedTo === null ? null : subject(m.changedTo);
      // Moved before the message is recorded, and only while it is not: a crash in between moves
      // again (each consent once by its client id), Meta's re-deliveries move nothing.
      const moves = to !== null && to !== phone && !(await this.inbound.seen(tenant.id, m.messageId));
      const moved = moves ? await this.moveContact(tenant, phone, to, m) : null;
      // Never the numbers nor the wamid (it encodes the number): the body quotes old and new.
      this.logger.log(
        `tenant ${tenant.id}: inbound system message ${m.systemType} recorded; ${moved ? `${moved.consents} consent(s) and ${moved.window ? 'the' : 'no'} window moved to the new identifier` : 'nothing to move'}`,
      );
    }
    await this.inbound.record({
      tenantId: tenant.id,
      phone,
      messageId: m.messageId,
      type: m.type,
      occurredAt: m.occurredAt,
      text: m.text,
      keepText: tenant.storeInboundText,
      opensWindow: m.opensWindow,
    });
    // The tenant's own keywords come after the deployment's: a message matching both is ledgered with the deployment's.
    const match = m.text === null ? null : matchOptOut(m.text, tenant.optOutKeywords.length > 0 ? [...this.keywords, ...tenant.optOutKeywords] : this.keywords);
    if (match)
      await this.optOutOfMarketing(
        tenant.id,
        m.from,
        'whatsapp-keyword',
        `wa-inbound:${m.messageId}`,
        { keyword: match.keyword, messageId: m.messageId },
        m.occurredAt,
      );
  }

  /** Meta's user_preferences: the user stopped (or resumed) marketing messages from this business. */
  async applyPreference(tenant: Tenant, p: MarketingPreference): Promise<void> {
    const phone = subject(p.waId);
    if (!phone) return;
    if (p.userId) await this.identities.link(tenant.id, [[p.waId, p.userId]]);
    await this.consents.record(tenant.id, {
      clientId: `wa-preference:${p.waId}:${p.occurredAt.getTime()}:${p.value}`,
      phone,
      category: 'marketing',
      action: p.value === 'stop' ? 'opt_out' : 'opt_in',
      source: 'meta-user-preferences',
      evidence: { preference: p.value },
      occurredAt: p.occurredAt,
    });
  }

  /** An opt-out of marketing the user made on WhatsApp's side (a keyword, or Meta's 131050). */
  async optOutOfMarketing(tenantId: string, waId: string, source: string, clientId: string, evidence: JsonObject, occurredAt: Date): Promise<void> {
    const phone = subject(waId);
    if (!phone) return;
    await this.consents.record(tenantId, { clientId, phone, category: 'marketing', action: 'opt_out', source, evidence, occurredAt });
  }

  /**
   * The user changed number (or BSUID): each category's consent in force is recorded again for the
   * new identifier (a consent.changed entry with source meta-user-changed-number, naming the consent
   * it carries), the open window goes along, and a contact.number_changed entry says what moved.
   * The old number is not linked to the new one, and leaves the person (its BSUIDs): it may be
   * given to someone else, who must not inherit this user's opt-ins.
   */
  private async moveContact(tenant: Tenant, from: string, to: string, m: InboundMessage): Promise<{ consents: number; window: boolean }> {
    const carried: { from: ConsentToCarry; consentId: string }[] = [];
    for (const c of consentsToCarry(await this.consentViews.view(tenant.id, from))) {
      const { consent } = await this.consents.record(tenant.id, {
        clientId: `wa-changed:${m.messageId}:${c.category}`,
        phone: to,
        category: c.category,
        action: c.action,
        source: 'meta-user-changed-number',
        evidence: { systemType: m.systemType, messageId: m.messageId, carriedConsentId: c.consentId },
        occurredAt: m.occurredAt,
      });
      carried.push({ from: c, consentId: consent.id });
    }
    const openUntil = await this.inbound.carryWindow(tenant.id, from, to);
    // After the consents in force were read through the old number's links, which this undoes.
    await this.identities.changeIdentifier(tenant.id, {
      systemType: m.systemType ?? 'unknown',
      from,
      previous: m.identifiers,
      to: m.changedToAll,
      occurredAt: m.occurredAt,
    });
    await this.ledger.appendPending([
      numberChangedEntry({ tenantId: tenant.id, systemType: m.systemType ?? 'unknown', to, occurredAt: m.occurredAt }, carried, openUntil),
    ]);
    return { consents: carried.length, window: openUntil !== null };
  }
}

/**
 * Meta's wa_id (digits with country code) as the E.164 number everything else is keyed by, or a
 * business-scoped user id as Meta wrote it (the only name of a user who adopted a username).
 */
function subject(waId: string): string | null {
  // Not held to libphonenumber's patterns: Meta's wa_id is the account, and an old Brazilian one
  // lacks the 9th digit the patterns now require.
  return normalizeIdentifier(waId)?.value ?? null;
}
