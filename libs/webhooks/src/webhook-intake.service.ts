import { InjectQueue } from '@nestjs/bullmq';
import { BadRequestException, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { BaseConfig } from '../../platform/src/config.js';
import { WEBHOOK_QUEUE, webhookJobOptions } from './webhook-queue.js';
import { WebhookRepository } from './webhook.repository.js';
import { verifyHubSignature } from './webhook-signature.js';

/**
 * The api's half of Meta's webhooks: verification, and signed payloads stored as received before
 * the 200 (Meta retries anything else); the worker processes them from the database.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);
  private readonly secrets: string[];

  constructor(
    private readonly config: BaseConfig,
    private readonly payloads: WebhookRepository,
    @InjectQueue(WEBHOOK_QUEUE) private readonly queue: Queue,
  ) {
    this.secrets = config.WHATSAPP_APP_SECRET.split(',').map((s) => s.trim()).filter(Boolean);
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
    if (!verifyHubSignature(body, signature, this.secrets)) throw new UnauthorizedException('missing or invalid X-Hub-Signature-256');
    try {
      JSON.parse(body.toString('utf8'));
    } catch {
      throw new BadRequestException('body is not valid JSON');
    }
    const id = await this.payloads.insert(body, signature!);
    // Best effort: a lost job is re-created from the table by the worker's relay.
    await this.queue.add('webhook', { payloadId: id.toString() }, webhookJobOptions(id.toString())).catch((err: Error) => {
      this.logger.warn(`webhook ${id} stored, queueing deferred: ${err.message}`);
    });
    return { received: true };
  }
}
