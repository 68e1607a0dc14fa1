import { parseCallbackData } from '#sigillo/notifications';
import type { InboundMessage, MarketingPreference, ParsedWebhook, PartOrigin, StatusUpdate, TemplateChange } from '#sigillo/whatsapp';
import { signerAllowed, type Signers } from './webhook-signers.js';

/**
 * Which tenant each part of a webhook payload belongs to, and which parts are refused and why.
 * A part is applied only to the tenant that owns the phone number id it names, when its entry's id
 * is that tenant's WABA, the payload was signed with a secret allowed for that tenant, and (for a
 * status) the message it names is not another tenant's. Template changes name only a WABA: they
 * go to the tenants of that WABA whose secret signed. Nothing here reads or writes: the worker loads
 * the facts, calls this, and stores what it returns.
 */
export interface RoutableTenant {
  id: string;
  phoneNumberId: string;
  wabaId: string;
  ownAppSecret: boolean;
}

export const REJECTION_REASONS = [
  /** A status, message or preference without metadata.phone_number_id. */
  'no-phone-number-id',
  /** No tenant owns the phone number id. */
  'unknown-phone-number-id',
  /** The entry's id is not the WABA of the tenant owning the phone number id. */
  'waba-id-mismatch',
  /** A template change for a WABA no tenant has. */
  'unknown-waba-id',
  /** Signed with the deployment's secret for a tenant with its own app, or with another tenant's secret. */
  'signature-not-allowed',
  /** A status naming a message another tenant sent. */
  'wamid-of-another-tenant',
  /** A status whose biz_opaque_callback_data names another tenant's notification. */
  'callback-of-another-tenant',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

export type PartKind = 'status' | 'inbound' | 'preference' | 'template';

export interface Rejection {
  at: string;
  kind: PartKind;
  reason: RejectionReason;
  /** The tenant the part named (through its number, or its WABA for a template), when one does. */
  tenantId: string | null;
  phoneNumberId: string | null;
  wabaId: string | null;
  /** wamid, message id or template name; never the user's number. */
  ref: string | null;
}

export interface RoutingFacts<T extends RoutableTenant> {
  signers: Signers;
  tenantsByPhoneNumberId: ReadonlyMap<string, T>;
  tenantsByWabaId: ReadonlyMap<string, readonly T[]>;
  /** Tenant of the notification holding each wamid the statuses name (those Sigillo knows). */
  wamidTenants: ReadonlyMap<string, string>;
  /** Tenant of each notification the statuses' callback data name (parseCallbackData; those Sigillo knows). */
  notificationTenants: ReadonlyMap<string, string>;
}

export interface Routed<T, P> {
  tenant: T;
  part: P;
}

export interface RoutedWebhook<T> {
  statuses: Routed<T, StatusUpdate>[];
  inbound: Routed<T, InboundMessage>[];
  preferences: Routed<T, MarketingPreference>[];
  templates: Routed<T, TemplateChange>[];
  rejected: Rejection[];
}

export function routeWebhook<T extends RoutableTenant>(parsed: ParsedWebhook, facts: RoutingFacts<T>): RoutedWebhook<T> {
  const out: RoutedWebhook<T> = { statuses: [], inbound: [], preferences: [], templates: [], rejected: [] };
  const numbered = <P extends PartOrigin>(kind: PartKind, part: P, ref: string | null, owns: (tenant: T) => RejectionReason | null, into: Routed<T, P>[]) => {
    const reject = (reason: RejectionReason, tenant: T | null) =>
      out.rejected.push({ at: part.at, kind, reason, tenantId: tenant?.id ?? null, phoneNumberId: part.phoneNumberId, wabaId: part.wabaId, ref });
    if (part.phoneNumberId === null) return reject('no-phone-number-id', null);
    const tenant = facts.tenantsByPhoneNumberId.get(part.phoneNumberId);
    if (!tenant) return reject('unknown-phone-number-id', null);
    if (part.wabaId !== tenant.wabaId) return reject('waba-id-mismatch', tenant);
    if (!signerAllowed(tenant, facts.signers)) return reject('signature-not-allowed', tenant);
    const refused = owns(tenant);
    if (refused) return reject(refused, tenant);
    into.push({ tenant, part });
  };
  for (const s of parsed.statuses) {
    numbered('status', s, s.wamid, (tenant) => statusOwnership(s, tenant, facts), out.statuses);
  }
  for (const m of parsed.inbound) numbered('inbound', m, m.messageId, () => null, out.inbound);
  for (const p of parsed.preferences) numbered('preference', p, null, () => null, out.preferences);
  for (const t of parsed.templates) {
    const tenants = facts.tenantsByWabaId.get(t.wabaId) ?? [];
    const reject = (reason: RejectionReason, tenant: T | null, at: string) =>
      out.rejected.push({ at, kind: 'template', reason, tenantId: tenant?.id ?? null, phoneNumberId: null, wabaId: t.wabaId, ref: t.name });
    if (tenants.length === 0) reject('unknown-waba-id', null, t.at);
    for (const tenant of tenants) {
      if (signerAllowed(tenant, facts.signers)) out.templates.push({ tenant, part: t });
      else reject('signature-not-allowed', tenant, `${t.at}@${tenant.id}`);
    }
  }
  return out;
}

/** A status is the tenant's unless the message or the notification it names is another tenant's. */
function statusOwnership<T extends RoutableTenant>(s: StatusUpdate, tenant: T, facts: RoutingFacts<T>): RejectionReason | null {
  const wamidTenant = facts.wamidTenants.get(s.wamid);
  if (wamidTenant !== undefined && wamidTenant !== tenant.id) return 'wamid-of-another-tenant';
  const notificationId = parseCallbackData(s.callbackData)?.notificationId;
  const callbackTenant = notificationId === undefined ? undefined : facts.notificationTenants.get(notificationId);
  if (callbackTenant !== undefined && callbackTenant !== tenant.id) return 'callback-of-another-tenant';
  return null;
}
