import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { AnchoringModule } from '../../../libs/chain/src/anchoring.module.js';
import { SequencerModule } from '../../../libs/ledger/src/sequencer.module.js';
import { SendModule } from '../../../libs/notifications/src/send.module.js';
import { loggingModule } from '../../../libs/observability/src/logging.js';
import { WorkerConfig } from '../../../libs/platform/src/config.js';
import { PlatformModule } from '../../../libs/platform/src/platform.module.js';
import { redisConnection } from '../../../libs/platform/src/redis-connection.js';
import { TemplatesModule } from '../../../libs/templates/src/templates.module.js';
import { WebhookProcessingModule } from '../../../libs/webhooks/src/webhook-processing.module.js';
import { AnchoringProcessor } from './anchoring.processor.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { ANCHORING_QUEUE, MAINTENANCE_QUEUE } from './queues.js';
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
