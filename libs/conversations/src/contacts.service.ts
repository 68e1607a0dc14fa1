import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { ConsentRepository } from '#sigillo/consent';
import type { ConsentCategory } from '#sigillo/consent';
import { normalizeWhatsAppUser, type CountryCode } from '#sigillo/passweb';
import { PgPool } from '#sigillo/platform';
import { sql, statement, verbatim } from '#sigillo/db';
import { TenantsService } from '#sigillo/tenants';
import { deliveryRankSql } from '#sigillo/whatsapp';
import { isWindowOpen } from './customer-window.js';
import { InboundRepository } from './inbound.repository.js';

export interface ContactView {
  phone: string;
  window: { open: boolean; openUntil: string | null; lastInboundAt: string | null };
  consent: Record<ConsentCategory, { action: string; consentId: string; seq: number | null } | null>;
  messages: {
    notificationId: string;
    eventId: string;
    template: string | null;
    language: string | null;
    category: string | null;
    decision: string;
    reason: string | null;
    status: string;
    deliveryStatus: string | null;
    wamid: string | null;
    createdAt: string;
    statuses: { status: string; at: string }[];
  }[];
}

const LAST_MESSAGES = 20;

const CONTACT_MESSAGES = statement<
  { tenantId: string; phone: string; limit: number },
  {
    id: string;
    event_id: string;
    template_name: string | null;
    language: string | null;
    category: string | null;
    decision: string;
    reason: string | null;
    status: string;
    delivery_status: string | null;
    wamid: string | null;
    created_at: Date;
    statuses: { status: string; at: string }[] | null;
  }
>(
  'sigillo-contact-messages',
  (p) => sql`
SELECT n.id, n.event_id, n.template_name, n.language, n.category, n.decision, n.reason, n.status, n.delivery_status, n.wamid, n.created_at,
        (SELECT json_agg(json_build_object('status', s.status, 'at', s.occurred_at)
                         -- Meta's timestamps are whole seconds: within one, in delivery order.
                         ORDER BY s.occurred_at, ${verbatim(deliveryRankSql('s.status'))})
           FROM message_statuses s WHERE s.wamid = n.wamid AND s.tenant_id = n.tenant_id) AS statuses
   FROM notifications n
  WHERE n.tenant_id = ${p.tenantId} AND n.recipient = ${p.phone}
  ORDER BY n.created_at DESC LIMIT ${p.limit}`,
);

/** GET /v1/contacts/:phone: what Sigillo knows of one recipient, for operators and auditors. */
@Injectable()
export class ContactsService {
  constructor(
    private readonly tenants: TenantsService,
    private readonly consents: ConsentRepository,
    private readonly inbound: InboundRepository,
    private readonly pool: PgPool,
  ) {}

  async contact(keyTenantId: string | null, rawPhone: string, queryTenantId?: string): Promise<ContactView> {
    const tenantId = keyTenantId ?? queryTenantId;
    if (!tenantId) throw new BadRequestException('tenantId: a deployment-wide key must name the tenant (?tenantId=…)');
    if (keyTenantId && queryTenantId && queryTenantId !== keyTenantId) throw new ForbiddenException('this key belongs to another tenant');
    const tenant = await this.tenants.get(tenantId);
    if (!tenant) throw new NotFoundException('tenant not found');
    const normalized = normalizeWhatsAppUser(rawPhone, tenant.defaultCountry as CountryCode);
    if (!normalized.ok) throw new BadRequestException(`phone: ${normalized.reason}`);
    const phone = normalized.e164;

    const [window, consent, messages] = await Promise.all([
      this.inbound.window(tenant.id, phone),
      this.consents.view(tenant.id, phone),
      this.messages(tenant.id, phone),
    ]);
    return {
      phone,
      window: {
        open: isWindowOpen(window?.openUntil ?? null),
        openUntil: window?.openUntil.toISOString() ?? null,
        lastInboundAt: window?.lastInboundAt.toISOString() ?? null,
      },
      consent: Object.fromEntries(
        Object.entries(consent).map(([category, state]) => [
          category,
          state && { action: state.action, consentId: state.consentId, seq: state.seq === null ? null : Number(state.seq) },
        ]),
      ) as ContactView['consent'],
      messages,
    };
  }

  private async messages(tenantId: string, phone: string): Promise<ContactView['messages']> {
    const rows = await CONTACT_MESSAGES.rows(this.pool, { tenantId, phone, limit: LAST_MESSAGES });
    return rows.map((r) => ({
      notificationId: r.id,
      eventId: r.event_id,
      template: r.template_name,
      language: r.language,
      category: r.category,
      decision: r.decision,
      reason: r.reason,
      status: r.status,
      deliveryStatus: r.delivery_status,
      wamid: r.wamid,
      createdAt: r.created_at.toISOString(),
      statuses: r.statuses ?? [],
    }));
  }
}
