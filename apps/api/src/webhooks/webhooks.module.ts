import { Module } from '@nestjs/common';
import { WebhookIntakeModule } from '../../../../libs/webhooks/src/webhook-intake.module.js';
import { WebhooksController } from './webhooks.controller.js';

@Module({
  imports: [WebhookIntakeModule],
  controllers: [WebhooksController],
})
export class WebhooksApiModule {}
