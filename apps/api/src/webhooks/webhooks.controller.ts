import { Body, Controller, Get, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { WebhookIntakeService } from '../../../../libs/webhooks/src/webhook-intake.service.js';

/** Meta's webhook callback: no API key, Meta's signature instead. */
@Controller('v1/webhooks/whatsapp')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookIntakeService) {}

  @Get()
  verify(@Query() query: Record<string, unknown>): string {
    return this.webhooks.verify(query);
  }

  @Post()
  @HttpCode(200)
  receive(@Body() rawBody: Buffer, @Headers('x-hub-signature-256') signature: string | undefined): Promise<{ received: true }> {
    return this.webhooks.receive(rawBody, signature);
  }
}
