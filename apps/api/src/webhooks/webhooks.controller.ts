import { Body, Controller, Get, Header, Headers, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { WebhookIntakeService } from '#sigillo/webhooks';
import { ApiErrors } from '../openapi/api-errors.js';
import { META_STATUS_WEBHOOK_EXAMPLE, WebhookReceived } from '../openapi/schemas/webhooks.schema.js';

/** Meta's webhook callback: no API key, Meta's signature instead. */
@ApiTags('webhooks')
@Controller('v1/webhooks/whatsapp')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookIntakeService) {}

  @Get()
  @ApiOperation({ summary: "Meta's webhook verification", description: 'Answers hub.challenge when hub.verify_token equals WHATSAPP_VERIFY_TOKEN.' })
  @ApiQuery({ name: 'hub.mode', type: 'string', example: 'subscribe' })
  @ApiQuery({ name: 'hub.verify_token', type: 'string', example: 'my-verify-token' })
  @ApiQuery({ name: 'hub.challenge', type: 'string', example: '1158201444' })
  // Plain text, never HTML: the body is whatever the caller put in hub.challenge.
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiResponse({ status: 200, description: 'hub.challenge, echoed as text/plain', schema: { type: 'string' }, example: '1158201444' })
  @ApiErrors({ status: 403, example: { statusCode: 403, error: 'Forbidden', message: 'webhook verification refused' } })
  verify(@Query() query: Record<string, unknown>): string {
    return this.webhooks.verify(query);
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: "Meta's webhook delivery (statuses, inbound messages, template updates)",
    description:
      'X-Hub-Signature-256 is checked on the raw bytes (constant time, WHATSAPP_APP_SECRET); the payload is stored before the 200 and applied by the worker. Bodies up to 4 MiB; not subject to the API-key rate limit.',
  })
  @ApiHeader({
    name: 'X-Hub-Signature-256',
    required: true,
    description: 'sha256=<hex HMAC-SHA256 of the raw body with the app secret>',
    example: 'sha256=6f0c…',
  })
  @ApiBody({
    schema: { type: 'object', additionalProperties: true },
    examples: { status: { summary: 'A delivered status', value: META_STATUS_WEBHOOK_EXAMPLE } },
  })
  @ApiResponse({ status: 200, description: 'Stored', type: WebhookReceived, example: { received: true } })
  @ApiErrors(
    { status: 400, example: { statusCode: 400, error: 'Bad Request', message: 'body is not valid JSON' } },
    {
      status: 401,
      description: 'Missing or wrong signature',
      example: { statusCode: 401, error: 'Unauthorized', message: 'missing or invalid X-Hub-Signature-256' },
    },
    { status: 413, description: 'Body over 4 MiB', example: { statusCode: 413, error: 'Payload Too Large', message: 'request entity too large' } },
  )
  receive(@Body() rawBody: Buffer, @Headers('x-hub-signature-256') signature: string | undefined): Promise<{ received: true }> {
    return this.webhooks.receive(rawBody, signature);
  }
}
