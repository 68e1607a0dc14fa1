import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentTenantId, RequireRole } from '#sigillo/auth';
import { IntakeService } from '#sigillo/notifications';
import type { IntakeAnswer } from '#sigillo/notifications';
import { RequestId } from '../logging/request-id.decorator.js';
import { ApiErrors, KEY_ERRORS } from '../openapi/api-errors.js';
import { ApiKeyAuth } from '../openapi/api-key-auth.js';
import { EVENT_ANSWER_EXAMPLES, EVENT_EXAMPLES, EventAccepted, EventBody } from '../openapi/schemas/events.schema.js';

@ApiTags('events')
@Controller('v1/events')
@UseGuards(ApiKeyGuard)
export class EventsController {
  constructor(private readonly intake: IntakeService) {}

  @Post()
  @HttpCode(202)
  @RequireRole('passweb')
  @ApiKeyAuth('passweb')
  @ApiOperation({
    summary: 'Accept a Passweb event',
    description:
      'Validates the event, decides by policy (SEND, or SKIP with a reason) and records the event, the decision and, for a send, the owed message in one transaction before answering. Every repetition of an event id gets the first answer; the same id with another body is 409.',
  })
  @ApiHeader({
    name: 'X-Request-Id',
    required: false,
    description: 'Your id for this request (echoed; carried into the send logs); one is generated otherwise',
  })
  @ApiBody({ type: EventBody, examples: EVENT_EXAMPLES })
  @ApiResponse({ status: 202, description: 'Accepted (also for a repeat of the same id and body)', type: EventAccepted, examples: EVENT_ANSWER_EXAMPLES })
  @ApiErrors(
    {
      status: 400,
      example: {
        statusCode: 400,
        error: 'Bad Request',
        message: ['recipient.phone: is not a valid number for its country', 'data.orderTotal: must be a decimal amount written as a string, like "129.90"'],
        errors: [
          { field: 'recipient.phone', message: 'is not a valid number for its country' },
          { field: 'data.orderTotal', message: 'must be a decimal amount written as a string, like "129.90"' },
        ],
      },
    },
    ...KEY_ERRORS,
    409,
    413,
    415,
  )
  accept(@CurrentTenantId() tenantId: string, @Body() body: unknown, @RequestId() requestId: string | null): Promise<IntakeAnswer> {
    return this.intake.accept(tenantId, body, requestId);
  }
}
