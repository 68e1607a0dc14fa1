import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AnchoringModule } from '#sigillo/chain';
import { SequencerModule } from '#sigillo/ledger';
import { SendModule } from '#sigillo/notifications';
import { loggingModule } from '#sigillo/observability';
import { WorkerConfig, PlatformModule, redisConnection, ANCHORING_QUEUE, MAINTENANCE_QUEUE } from '#sigillo/platform';
import { TemplatesModule } from '#sigillo/templates';
import { WebhookProcessingModule } from '#sigillo/webhooks';
import { AnchoringProcessor } from './anchoring.processor.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { SendProcessor } from './send.processor.js';
import { WebhookProcessor } from './webhook.processor.js';
import { WorkerBootstrapService } from './worker-bootstrap.service.js';
import { WorkerDrain } from './worker-drain.service.js';

@Module({})
export class WorkerModule {
  /** `logDestination`: where the JSON logs go (stdout by default; tests capture them). */
  static forRoot(config: WorkerConfig, logDestination?: DestinationStream): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot(config),
        loggingModule(config, logDestination),
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        BullModule.registerQueue({ name: ANCHORING_QUEUE }, { name: MAINTENANCE_QUEUE }),
        SequencerModule,
        AnchoringModule,
        SendModule,
        TemplatesModule,
        WebhookProcessingModule,
      ],
      providers: [AnchoringProcessor, SendProcessor, MaintenanceProcessor, WebhookProcessor, WorkerBootstrapService, WorkerDrain],
    };
  }
}
