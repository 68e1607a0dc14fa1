import { Injectable } from '@nestjs/common';
import { IdentityRepository, InboundService } from '#sigillo/conversations';
import type { JsonObject } from '#sigillo/ledger';
import { marketingOptOutByError, statusErrorCodes, type StatusUpdate } from '#sigillo/whatsapp';
import { parseCallbackData } from './callback-data.js';
import { StatusRepository } from './status.repository.js';

/** A delivery status Meta reported, already routed to the tenant whose message it is about. */
export interface TenantStatus {
  tenantId: string;
  status: StatusUpdate;
}

/**
 * Meta's delivery statuses of our sends: recorded against their notification (deduplicated on
 * (wamid, status, tenant), so applying a batch twice changes nothing), their recipient's identifiers
 * linked, and a 131050 failure recorded as the user's opt-out of marketing.
 */
@Injectable()
export class StatusUpdatesService {
  constructor(
    private readonly statuses: StatusRepository,
    private readonly identities: IdentityRepository,
    private readonly inbound: InboundService,
  ) {}

  async apply(updates: readonly TenantStatus[]): Promise<void> {
    // A status names the recipient by the number we sent to and, since usernames, by its BSUID,
    // and Meta's wa_id may differ from the number dialled (Brazil, Mexico): all three are one person.
    // The batch's statuses are linked together: one read, and a write only when one names something new.
    await this.identities.linkSent(
      updates.map(({ tenantId, status: s }) => ({
        tenantId,
        notificationId: parseCallbackData(s.callbackData)?.notificationId ?? null,
        wamid: s.wamid,
        identifiers: [s.recipientId, s.recipientUserId],
      })),
    );
    await this.statuses.record(
      updates.map(({ tenantId, status: s }) => ({
        wamid: s.wamid,
        status: s.status,
        tenantId,
        callbackData: s.callbackData,
        occurredAt: s.occurredAt,
        raw: s.raw as JsonObject,
      })),
    );
    // After the statuses, so that an opt-out is never seen without the failed status that caused it
    // (a payload failing in between is applied again whole: both are idempotent).
    for (const { tenantId, status: s } of updates) {
      // 131050: the user stopped marketing messages on WhatsApp's side; that is an opt-out too.
      // A send by BSUID has no recipient_id: the opt-out is then the BSUID's (linked to any number it has).
      const recipient = s.recipientId ?? s.recipientUserId;
      const optOut = marketingOptOutByError({ codes: statusErrorCodes(s.raw as Record<string, unknown>), status: s.status, ref: s.wamid });
      if (optOut && recipient) {
        await this.inbound.optOutOfMarketing(tenantId, recipient, optOut.source, optOut.clientId, { wamid: s.wamid, code: optOut.code }, s.occurredAt);
      }
    }
  }
}
