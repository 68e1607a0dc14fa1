import { InjectQueue } from '@nestjs/bullmq';
import { BadRequestException, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { BaseConfig, GroupCommit, within } from '#sigillo/platform';
import { TenantsService } from '#sigillo/tenants';
import { WEBHOOK_QUEUE, webhookJobs } from './webhook-queue.js';
import { WebhookRepository, type ReceivedWebhook } from './webhook.repository.js';
import { candidateTenants, namedIds, signersOf, splitSecrets } from './webhook-signers.js';

const STORE_BATCH = 100;
// With Redis down the add waits for it to return, and every later delivery waits behind it; past
// this the deliveries are answered anyway and the relay queues them.
const QUEUE_ADD_TIMEOUT_MS = 2_000;

/**
 * The api's half of Meta's webhooks: verification, and signed payloads stored as received before
 * the 200 (Meta retries anything else), with whose secret signed them; the worker processes them
 * from the database and applies each part only for a tenant that secret may speak for.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);
  private readonly secrets: string[];
  // Meta sends three statuses per message: at a thousand messages a second, one statement and one
  // job per batch of deliveries rather than per delivery.
  private readonly stored = new GroupCommit<ReceivedWebhook, void>((p) => this.storeMany(p), { maxBatch: STORE_BATCH, maxInFlight: 1 });

  constructor(
    private readonly config: BaseConfig,
    private readonly payloads: WebhookRepository,
    private readonly tenants: TenantsService,
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue,
  ) {
    this.secrets = splitSecrets(config.WHATSAPP_APP_SECRET);
  }

  verify(query: Record<string, unknown>): string {
    const token = this.config.WHATSAPP_VERIFY_TOKEN;
    if (query['hub.mode'] !== 'subscribe' || !token || query['hub.verify_token'] !== token || typeof query['hub.challenge'] !== 'string') {
      throw new ForbiddenException('webhook verification refused');
    }
    return query['hub.challenge'];
  }

  async receive(rawBody: unknown, signature: string | undefined): Promise<{ received: true }> {
    const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.alloc(0);
    const signedBy = await this.signers(body, signature);
    if (signedBy.length === 0) throw new UnauthorizedException('missing or invalid X-Hub-Signature-256');
    try {
      JSON.parse(body.toString('utf8'));
    } catch {
      throw new BadRequestException('body is not valid JSON');
    }
    await this.stored.submit({ body, signature: signature!, signedBy });
    return { received: true };
  }

  /**
   * The deployment's secret, and the own secrets of the tenants the body names: the body is read
   * only to choose which secrets to try, and trusted only once one of them verified its bytes.
   */
  private async signers(body: Buffer, signature: string | undefined): Promise<string[]> {
    const withSecrets = await this.tenants.withOwnAppSecret();
    const candidates = withSecrets.length === 0 ? [] : candidateTenants(namedIds(body), withSecrets);
    return signersOf(body, signature, this.secrets, candidates);
  }

  private async storeMany(payloads: ReceivedWebhook[]): Promise<void[]> {
    const ids = await this.payloads.insertMany(payloads);
    try {
      await within(this.queue.addBulk(webhookJobs(ids, STORE_BATCH)), QUEUE_ADD_TIMEOUT_MS, 'the webhook queue');
    } catch (err) {
      // Stored is what Meta needs to hear about: the worker's relay queues them from the table
      // once their job looks lost (after its REDISPATCH_MS).
      this.logger.warn(`${ids.length} webhook(s) stored, queueing deferred: ${(err as Error).message}`);
    }
    return ids.map(() => undefined);
  }
}
