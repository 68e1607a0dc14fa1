import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { InboundService } from '#sigillo/conversations';
import { LateAttemptRepository, StatusRepository, StatusUpdatesService, parseCallbackData } from '#sigillo/notifications';
import { WorkerConfig, GroupCommit, PollLoop } from '#sigillo/platform';
import { TemplateChangesService } from '#sigillo/templates';
import { TenantsService, type Tenant } from '#sigillo/tenants';
import { parseMetaWebhook, type AccountError, type ParsedWebhook } from '#sigillo/whatsapp';
import { WEBHOOK_QUEUE, webhookJobs } from './webhook-queue.js';
import { routeWebhook, type RoutableTenant } from './webhook-routing.js';
import { WebhookRepository } from './webhook.repository.js';

type RoutedTenant = Tenant & RoutableTenant;

const RELAY_BATCH = 500;
const JOB_PAYLOADS = 100;
const REDISPATCH_MS = 30_000;
const SWEEP_MS = 2_000;
// A status usually waits for its send's record a few milliseconds; after this it is retried by the sweep.
const ATTACH_RETRY_AFTER_MS = 1_000;

/**
 * The worker's half of Meta's webhooks: every stored payload is parsed, each part routed only to the
 * tenant it belongs to (webhook-routing.ts decides; parts it refuses are stored with their reason in
 * webhook_rejections), and handed to its domain: statuses to notifications, messages and preferences
 * to conversations, template changes to templates. Each applies a part exactly as far as it is new,
 * so a payload applied twice changes nothing.
 */
@Injectable()
export class WebhookProcessingService implements OnApplicationShutdown {
  private readonly logger = new Logger(WebhookProcessingService.name);
  private readonly relay: PollLoop;
  private readonly sweep: PollLoop;
  private readonly reported = new Set<string>();
  // Applying a payload twice changes nothing, so a failed batch may be run again payload by payload.
  private readonly batches = new GroupCommit<bigint, void>((ids) => this.processMany(ids), { maxBatch: 100, maxInFlight: 2 });

  constructor(
    private readonly config: WorkerConfig,
    private readonly payloads: WebhookRepository,
    private readonly statuses: StatusRepository,
    private readonly lateAttempts: LateAttemptRepository,
    private readonly tenants: TenantsService,
    private readonly statusUpdates: StatusUpdatesService,
    private readonly inbound: InboundService,
    private readonly templateChanges: TemplateChangesService,
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue,
  ) {
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
    await this.statusUpdates.apply(routed.flatMap((r) => r.statuses.map(({ tenant, part }) => ({ tenantId: tenant.id, status: part }))));
    for (const r of routed) {
      for (const { tenant, part } of r.inbound) await this.inbound.applyMessage(tenant, part);
      for (const { tenant, part } of r.preferences) await this.inbound.applyPreference(tenant, part);
      for (const { tenant, part } of r.templates) await this.templateChanges.apply(tenant.id, part);
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
