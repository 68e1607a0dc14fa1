import { IdentityRepository } from '#sigillo/conversations';
import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { ConsentModule } from '#sigillo/consent';
import { WorkerConfig, RedisService } from '#sigillo/platform';
import { TenantsModule } from '#sigillo/tenants';
import { WhatsAppModule } from '#sigillo/whatsapp';
import { NotificationStoreModule } from './notification-store.module.js';
import { OutboxRelayService } from './outbox-relay.service.js';
import { SEND_QUEUE } from './send-queue.js';
import { SendRateLimiter } from './send-rate-limiter.js';
import { SendRepository } from './send.repository.js';
import { MediaHeaderService } from './media-header.service.js';
import { MediaUploadRepository } from './media-upload.repository.js';
import { SendService } from './send.service.js';

/** The worker's half of the pipeline: outbox → queue → provider. */
@Module({
  imports: [BullModule.registerQueue({ name: SEND_QUEUE }), TenantsModule, WhatsAppModule, NotificationStoreModule, ConsentModule],
  providers: [
    SendService,
    SendRepository,
    IdentityRepository,
    MediaUploadRepository,
    MediaHeaderService,
    OutboxRelayService,
    RedisService,
    {
      provide: SendRateLimiter,
      inject: [RedisService, WorkerConfig],
      useFactory: (redis: RedisService, config: WorkerConfig) => new SendRateLimiter(redis, config.QUEUE_PREFIX),
    },
  ],
  exports: [SendService, OutboxRelayService],
})
export class SendModule {}
