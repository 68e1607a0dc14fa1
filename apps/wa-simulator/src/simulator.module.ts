import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ControlController } from './control/control.controller.js';
import { FailureModesState } from './control/failure-modes.js';
import { SimulatorControl } from './control/simulator-control.js';
import { AccessTokenGuard } from './graph/access-token.guard.js';
import { GraphErrorFilter } from './graph/graph-error.filter.js';
import { HealthController } from './health.controller.js';
import { AssetsController, MediaController } from './media/media.controller.js';
import { MediaStore } from './media/media-store.js';
import { MessageStore } from './messages/message-store.js';
import { MessagesController } from './messages/messages.controller.js';
import { MessagesService } from './messages/messages.service.js';
import { Recipients } from './messages/recipients.js';
import { StatusScheduler } from './messages/status-scheduler.js';
import { ThroughputLimiter } from './messages/throughput-limiter.js';
import { SimulatorLifetime } from './simulator-lifetime.js';
import { SIMULATOR_OPTIONS, type SimulatorOptions } from './simulator-options.js';
import { MessageTemplatesController } from './templates/message-templates.controller.js';
import { TemplateCatalog } from './templates/template-catalog.js';
import { TemplatePagesService } from './templates/template-pages.service.js';
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.js';

/** A WhatsApp Cloud API stand-in: Graph endpoints, signed webhooks, and the /_sim control API. */
@Module({})
export class SimulatorModule {
  static forRoot(options: SimulatorOptions): DynamicModule {
    return {
      module: SimulatorModule,
      controllers: [HealthController, ControlController, MessagesController, MessageTemplatesController, MediaController, AssetsController],
      providers: [
        { provide: SIMULATOR_OPTIONS, useValue: options },
        // Graph clients parse Meta's error body, even for errors raised before any handler.
        { provide: APP_FILTER, useClass: GraphErrorFilter },
        AccessTokenGuard,
        SimulatorLifetime,
        TemplateCatalog,
        TemplatePagesService,
        WebhookDispatcher,
        MessageStore,
        MediaStore,
        ThroughputLimiter,
        Recipients,
        FailureModesState,
        StatusScheduler,
        MessagesService,
        SimulatorControl,
      ],
    };
  }
}
