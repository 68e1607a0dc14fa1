import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { LedgerRepository, type JsonObject } from '#sigillo/ledger';
import { LateAttemptRepository, StatusRepository, parseCallbackData } from '#sigillo/notifications';
import { WorkerConfig, GroupCommit, PollLoop } from '#sigillo/platform';
import { CatalogService } from '#sigillo/templates';
import { TenantsService } from '#sigillo/tenants';
import { ConsentRepository, ConsentService, matchOptOut, parseKeywordList } from '#sigillo/consent';
import { IdentityRepository, normalizeIdentifier, InboundRepository } from '#sigillo/conversations';
import type { Tenant } from '#sigillo/tenants';
import { marketingOptOutByError, statusErrorCodes } from '#sigillo/whatsapp';
import {
  parseMetaWebhook,
  type AccountError,
  type InboundMessage,
  type MarketingPreference,
  type ParsedWebhook,
  type StatusUpdate,
  type TemplateChange,
} from './meta-webhook.js';
import { consentsToCarry, numberChangedEntry, type ConsentToCarry } from './number-change.js';
import { planTemplateChange } from './template-change-plan.js';
import { WEBHOOK_QUEUE, webhookJobs } from './webhook-queue.js';
import { routeWebhook, type RoutableTenant, type Routed } from './webhook-routing.js';
import { WebhookRepository } from './webhook.repository.js';

type RoutedTenant = Tenant & RoutableTenant;

const RELAY_BATCH = 500;
const JOB_PAYLOADS = 100;
const REDISPATCH_MS = 30_000;
const SWEEP_MS = 2_000;
// A status usually waits for its send's record a few milliseconds; after this it is retried by the sweep.
const ATTACH_RETRY_AFTER_MS = 1_000;

/**
 * The worker's half of Meta's webhooks: every stored payload is applied exactly as far as it is
 * new (statuses are deduplicated on (wamid, status, tenant), so a payload applied twice changes
 * nothing), and each part only to the tenant it belongs to (webhook-routing.ts decides; parts it
 * refuses are stored with their reason in webhook_rejections).
 */
@Injectable()
export class WebhookProcessingService implements OnApplicationShutdown {
  private readonly logger = new Logger(WebhookProcessingService.name);
  private readonly relay: PollLoop;
  private readonly sweep: PollLoop;
  private readonly reported = new Set<string>();
  private readonly keywords: string[];
  // Applying a payload twice changes nothing, so a failed batch may be run again payload by payload.
  private readonly batches = new GroupCommit<bigint, void>((ids) => this.processMany(ids), { maxBatch: 100, maxInFlight: 2 });

  constructor(
    private readonly config: WorkerConfig,
    private readonly payloads: WebhookRepository,
    private readonly statuses: StatusRepository,
    private readonly lateAttempts: LateAttemptRepository,
    private readonly tenants: TenantsService,
    private readonly catalog: CatalogService,
    private readonly inbound: InboundRepository,
    private readonly consents: ConsentService,
    private readonly identities: IdentityRepository,
    private readonly consentViews: ConsentRepository,
    private readonly ledger: LedgerRepository,
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue,
  ) {
    this.keywords = parseKeywordList(config.OPT_OUT_KEYWORDS);
    this.relay = new PollLoop('webhook relay', 500, () => this.relayOnce(), this.logger);
    this.sweep = new PollLoop('status sweep', SWEEP_MS, () => this.sweepOnce(), this.logger);
  }

  start(): void {
    this.relay.start();
    this.sweep.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.relay.stop(), this.sweep.stop()]);
  }

  /** Applies stored payloads; those of the jobs running at once are applied together. */
  async process(payloadIds: bigint[]): Promise<void> {
    await Promise.all(payloadIds.map((id) => this.batches.submit(id)));
  }

  private async processMany(ids: bigint[]): Promise<void[]> {
    const stored = await this.payloads.loadMany(ids);
    const fresh = ids.filter((id) => stored.get(id) && !stored.get(id)!.processed);
    const parsed = fresh.map((id) => ({
      id,
      signedBy: stored.get(id)!.signedBy,
      webhook: parseMetaWebhook(JSON.parse(stored.get(id)!.body.toString('utf8'))),
    }));
    const facts = await this.routingFacts(parsed.map((p) => p.webhook));
    const routed = parsed.map((p) => ({ id: p.id, ...routeWebhook(p.webhook, { ...facts, signers: p.signedBy }) }));
    await this.payloads.reject(routed.flatMap((r) => r.rejected.map((x) => ({ ...x, payloadId: r.id }))));
    for (const p of parsed) for (const e of p.webhook.errors) this.warnAccountError(e);
    await this.applyStatuses(routed.flatMap((r) => r.statuses));
    for (const r of routed) {
      for (const { tenant, part } of r.inbound) await this.applyInbound(tenant, part);
      for (const { tenant, part } of r.preferences) await this.applyPreference(tenant, part);
      for (const { tenant, part } of r.templates) await this.applyTemplateChange(tenant, part);
    }
    await this.payloads.markProcessed(fresh);
    return ids.map(() => undefined);
  }

  /**
   * Meta's value-level errors (an app or account problem, tied to no message): nothing to apply,
   * so they are made visible. Code, title and the business number only; Meta's details are free text.
   */
  private warnAccountError(e: AccountError): void {
    const title = (e.title ?? 'no title').replace(/\d{6,}/g, '…').slice(0, 120);
    this.logger.warn(
      `Meta reported error ${e.code ?? '?'} (${title}) for business number ${e.phoneNumberId ?? '?'} in a messages webhook: an app or account problem, no message to apply it to`,
    );
  }

  /** What routing needs to know: the tenants the payloads name, and whose messages their statuses name. */
  private async routingFacts(webhooks: ParsedWebhook[]) {
    const phoneNumberIds = new Set<string>();
    const wabaIds = new Set<string>();
    for (const w of webhooks) {
      for (const part of [...w.statuses, ...w.inbound, ...w.preferences]) if (part.phoneNumberId) phoneNumberIds.add(part.phoneNumberId);
      for (const t of w.templates) wabaIds.add(t.wabaId);
    }
    const routable = (t: Tenant): RoutedTenant => ({ ...t, ownAppSecret: t.appSecret !== null });
    const tenantsByPhoneNumberId = new Map<string, RoutedTenant>();
    for (const id of phoneNumberIds) {
      const tenant = await this.tenants.byPhoneNumberId(id);
      if (tenant) tenantsByPhoneNumberId.set(id, routable(tenant));
    }
    const tenantsByWabaId = new Map<string, RoutedTenant[]>();
    for (const id of wabaIds) tenantsByWabaId.set(id, (await this.tenants.byWabaId(id)).map(routable));
    const statuses = webhooks.flatMap((w) => w.statuses);
    const owners = await this.statuses.owners(
      statuses.map((s) => s.wamid),
      statuses.flatMap((s) => parseCallbackData(s.callbackData)?.notificationId ?? []),
    );
    return { tenantsByPhoneNumberId, tenantsByWabaId, ...owners };
  }

  private async applyStatuses(updates: Routed<RoutedTenant, StatusUpdate>[]): Promise<void> {
    // A status names the recipient by the number we sent to and, since usernames, by its BSUID,
    // and Meta's wa_id may differ from the number dialled (Brazil, Mexico): all three are one person.
    // The batch's statuses are linked together: one read, and a write only when one names something new.
    await this.identities.linkSent(
      updates.map(({ tenant, part: s }) => ({
        tenantId: tenant.id,
        notificationId: parseCallbackData(s.callbackData)?.notificationId ?? null,
        wamid: s.wamid,
        identifiers: [s.recipientId, s.recipientUserId],
      })),
    );
    await this.statuses.record(
      updates.map(({ tenant, part: s }) => ({
        wamid: s.wamid,
        status: s.status,
        tenantId: tenant.id,
        callbackData: s.callbackData,
        occurredAt: s.occurredAt,
        raw: s.raw as JsonObject,
      })),
    );
    // After the statuses, so that an opt-out is never seen without the failed status that caused it
    // (a payload failing in between is applied again whole: both are idempotent).
    for (const { tenant, part: s } of updates) {
      // 131050: the user stopped marketing messages on WhatsApp's side; that is an opt-out too.
      // A send by BSUID has no recipient_id: the opt-out is then the BSUID's (linked to any number it has).
      const recipient = s.recipientId ?? s.recipientUserId;
      const optOut = marketingOptOutByError({ codes: statusErrorCodes(s.raw as Record<string, unknown>), status: s.status, ref: s.wamid });
      if (optOut && recipient) {
        await this.optOutOfMarketing(tenant, recipient, optOut.source, optOut.clientId, { wamid: s.wamid, code: optOut.code }, s.occurredAt);
      }
    }
  }

  /** A user's message: recorded, opens the 24-hour window, and a bare opt-out keyword opts out of marketing. */
  private async applyInbound(tenant: Tenant, m: InboundMessage): Promise<void> {
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
        tenant,
        m.from,
        'whatsapp-keyword',
        `wa-inbound:${m.messageId}`,
        { keyword: match.keyword, messageId: m.messageId },
        m.occurredAt,
      );
  }

  /**
   * The user changed number (or BSUID): each category's consent in force is recorded again for the
   * new identifier (a consent.changed entry with source meta-user-changed-number, naming the consent
   * it carries), the open window goes along, and a contact.number_changed entry says what moved.
   * The old identifier is not linked to the new one: the number may be given to someone else, who
   * must not inherit this user's opt-ins.
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
    await this.ledger.appendPending([
      numberChangedEntry({ tenantId: tenant.id, systemType: m.systemType ?? 'unknown', to, occurredAt: m.occurredAt }, carried, openUntil),
    ]);
    return { consents: carried.length, window: openUntil !== null };
  }

  /** Meta's user_preferences: the user stopped (or resumed) marketing messages from this business. */
  private async applyPreference(tenant: Tenant, p: MarketingPreference): Promise<void> {
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

  private async optOutOfMarketing(tenant: Tenant, waId: string, source: string, clientId: string, evidence: JsonObject, occurredAt: Date): Promise<void> {
    const phone = subject(waId);
    if (!phone) return;
    await this.consents.record(tenant.id, { clientId, phone, category: 'marketing', action: 'opt_out', source, evidence, occurredAt });
  }

  /**
   * A template's status, quality or category as Meta reports it: applied to the catalog unless a
   * change Meta timed later is already there, and ledgered once at Meta's time, however often
   * Meta re-delivers it (template-change-plan.ts).
   */
  private async applyTemplateChange(tenant: Tenant, change: TemplateChange): Promise<void> {
    const planned = planTemplateChange(tenant.id, change, new Date());
    if (!planned.ok) {
      this.logger.warn(`template ${change.name}/${change.language} of tenant ${tenant.id}: ${change.field} change not applied (${planned.why})`);
      return;
    }
    const { plan } = planned;
    const u = plan.update;
    await this.catalog.applyChange(
      { tenantId: tenant.id, name: plan.name, language: plan.language, field: plan.field, event: plan.event, metaTime: plan.metaTime, entry: plan.entry },
      u.field === 'status'
        ? { status: u.status, statusReason: u.statusReason }
        : u.field === 'quality'
          ? { score: u.score }
          : { category: u.category, impending: u.impending, effectiveAt: u.effectiveAt },
    );
  }

  /**
   * Payloads whose job was never created (Redis was down) or may be lost. Only while few jobs
   * wait: a backlog stays in the table rather than being handed over again every REDISPATCH_MS.
   */
  private async relayOnce(): Promise<'more' | 'idle'> {
    if ((await this.queue.getWaitingCount()) * JOB_PAYLOADS >= RELAY_BATCH) return 'idle';
    const ids = await this.payloads.claim(REDISPATCH_MS, RELAY_BATCH);
    if (ids.length > 0) await this.queue.addBulk(webhookJobs(ids, JOB_PAYLOADS));
    return ids.length === RELAY_BATCH ? 'more' : 'idle';
  }

  /** Statuses that arrived before their send was recorded; reported once when they never find it. */
  private async sweepOnce(): Promise<'idle'> {
    const waiting = await this.statuses.unrecorded(ATTACH_RETRY_AFTER_MS, 1000);
    if (waiting.length === 0) return 'idle';
    await this.statuses.attach(waiting.map((w) => w.wamid));
    // Statuses of an attempt given up on (then sent again) that Meta had accepted after all.
    const late = await this.lateAttempts.resolve();
    if (late > 0)
      this.logger.warn(`${late} message(s) of send attempts given up on were accepted by the provider after all: credited to their attempts and recorded`);
    const orphans = waiting.filter((w) => w.ageMs > this.config.STATUS_ORPHAN_REPORT_MS && !this.reported.has(w.wamid));
    for (const o of orphans) this.reported.add(o.wamid);
    if (orphans.length > 0) {
      this.logger.warn(
        `${orphans.length} delivery status(es) for messages Sigillo has no record of, waiting over ${Math.round(this.config.STATUS_ORPHAN_REPORT_MS / 1000)} s`,
      );
    }
    return 'idle';
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
