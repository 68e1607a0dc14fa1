import { Module } from '@nestjs/common';
import { WebhookIntakeModule } from '#sigillo/webhooks';
import { WebhooksController } from './webhooks.controller.js';

@Module({
  imports: [WebhookIntakeModule],
  controllers: [WebhooksController],
})
export class WebhooksApiModule {}
