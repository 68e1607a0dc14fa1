import { Injectable, NotFoundException } from '@nestjs/common';
import { badRequest, type Principal } from '#sigillo/auth';
import { LedgerRepository, parseEntryTypeName, type StoryBundle } from '#sigillo/ledger';
import { normalizePhone, type CountryCode } from '#sigillo/passweb';
import type { Tenant } from '#sigillo/tenants';
import { StoryProofsService } from '../proofs/story-proofs.service.js';
import { checkUuid } from './console-input.js';
import { ConsoleMessagesRepository, type MessageRow } from './console-messages.repository.js';
import { ConsoleScope, valid } from './console-scope.js';
import { explainEntry, type Explanation } from './explanation.js';
import { encodeCursor, maskPhone, parseMessageFilters } from './message-filters.js';
import { deriveOutcome, type Outcome } from './outcome.js';

export interface MessageItem {
  notificationId: string;
  eventId: string;
  eventType: string;
  reference: string | null;
  phoneMasked: string | null;
  template: string | null;
  language: string | null;
  outcome: Outcome;
  reason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoryStep {
  seq: number | null;
  type: string;
  version: number;
  at: string;
  occurredAt: string;
  body: Record<string, unknown>;
  explanation: Explanation;
}

export interface MessageStory extends MessageItem {
  category: string | null;
  decision: string;
  status: string;
  deliveryStatus: string | null;
  story: StoryStep[];
  anchoring: { anchoredSize: number; txHash: string; blockNumber: number | null; chainId: number; contract: string } | null;
  proofUrl: string;
  verifyUrl: string;
}

/** The console's message list and stories. */
@Injectable()
export class ConsoleMessagesService {
  constructor(
    private readonly scope: ConsoleScope,
    private readonly messages: ConsoleMessagesRepository,
    private readonly ledger: LedgerRepository,
    private readonly stories: StoryProofsService,
  ) {}

  async list(principal: Principal, query: Record<string, unknown>): Promise<{ items: MessageItem[]; nextCursor: string | null }> {
    const tenant = await this.scope.tenant(principal, query.tenant);
    const f = valid(parseMessageFilters(query));
    const rows = await this.messages.list(f.outcome, {
      tenantId: tenant.id,
      cursorAt: f.cursor?.createdAt ?? null,
      cursorId: f.cursor?.id ?? null,
      from: f.from ?? null,
      to: f.to ?? null,
      phone: f.phone === undefined ? null : recipientOf(f.phone, tenant, 'phone'),
      eventId: f.eventId ?? null,
      template: f.template ?? null,
      reason: f.reason ?? null,
      reference: f.reference ?? null,
      q: f.q ?? null,
      qPhone: f.q === undefined ? null : recipientOrNull(f.q, tenant),
      limit: f.limit + 1,
    });
    const page = rows.slice(0, f.limit);
    const last = page[page.length - 1];
    return { items: page.map(toItem), nextCursor: rows.length > f.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null };
  }

  async story(principal: Principal, requestedTenant: unknown, id: string): Promise<MessageStory> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    const row = await this.find(tenant, id);
    const entries = await this.ledger.storyEntries(tenant.id, row.event_id, row.id);
    const lastSeq = entries.reduce<bigint | null>((max, e) => (e.seq !== null && (max === null || e.seq > max) ? e.seq : max), null);
    const anchor = lastSeq === null ? null : await this.messages.coveringAnchor(lastSeq);
    const tenantQuery = principal.tenantId === null ? `?tenant=${tenant.id}` : '';
    return {
      ...toItem(row),
      category: row.category,
      decision: row.decision,
      status: row.status,
      deliveryStatus: row.delivery_status,
      story: entries.map((e) => ({
        seq: e.seq === null ? null : Number(e.seq),
        type: parseEntryTypeName(e.type)?.name ?? e.type,
        version: parseEntryTypeName(e.type)?.version ?? 1,
        at: e.recordedAt.toISOString(),
        occurredAt: e.occurredAt.toISOString(),
        body: e.body,
        explanation: explainEntry(e.type, e.body),
      })),
      anchoring: anchor && {
        anchoredSize: Number(anchor.tree_size),
        txHash: anchor.tx_hash,
        blockNumber: anchor.block_number === null ? null : Number(anchor.block_number),
        chainId: Number(anchor.chain_id),
        contract: anchor.contract,
      },
      proofUrl: `/console/api/messages/${row.id}/proof${tenantQuery}`,
      verifyUrl: `/console/messages/${row.id}${tenantQuery}#verify`,
    };
  }

  async proof(principal: Principal, requestedTenant: unknown, id: string): Promise<StoryBundle> {
    const tenant = await this.scope.tenant(principal, requestedTenant);
    const row = await this.find(tenant, id);
    return this.stories.forEvent(tenant.id, row.event_id);
  }

  /** The recent messages of a recipient's identifiers, as list items. */
  async forRecipients(tenantId: string, recipients: string[], limit: number): Promise<MessageItem[]> {
    return (await this.messages.forRecipients(tenantId, recipients, limit)).map(toItem);
  }

  private async find(tenant: Tenant, id: string): Promise<MessageRow> {
    const notificationId = valid(checkUuid(id, 'notificationId'));
    const row = await this.messages.one(tenant.id, notificationId);
    if (!row) throw new NotFoundException('message not found');
    return row;
  }
}

function toItem(r: MessageRow): MessageItem {
  const { outcome, reason } = deriveOutcome({
    decision: r.decision,
    reason: r.reason,
    status: r.status,
    deliveryStatus: r.delivery_status,
    errorCode: r.error_code,
  });
  return {
    notificationId: r.id,
    eventId: r.event_id,
    eventType: r.event_type,
    reference: r.reference,
    phoneMasked: maskPhone(r.recipient),
    template: r.template_name,
    language: r.language,
    outcome,
    reason,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** A phone filter as stored (E.164), or a BSUID as written; a 400 naming the field otherwise. */
function recipientOf(raw: string, tenant: Tenant, field: string): string {
  const found = recipientOrNull(raw, tenant);
  if (found === null) throw badRequest([{ field, message: 'must be a phone number or a BSUID' }]);
  return found;
}

function recipientOrNull(raw: string, tenant: Tenant): string | null {
  if (/^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/.test(raw)) return raw;
  const n = normalizePhone(raw, tenant.defaultCountry as CountryCode);
  return n.ok ? n.e164 : null;
}
