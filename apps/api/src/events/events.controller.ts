import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../../../../libs/auth/src/api-key.guard.js';
import { CurrentTenantId } from '../../../../libs/auth/src/principal.decorator.js';
import { RequireRole } from '../../../../libs/auth/src/require-role.decorator.js';
import { IntakeService } from '../../../../libs/notifications/src/intake.service.js';
import type { IntakeAnswer } from '../../../../libs/notifications/src/notification-records.js';

@Controller('v1/events')
@UseGuards(ApiKeyGuard)
export class EventsController {
  constructor(private readonly intake: IntakeService) {}

  @Post()
  @HttpCode(202)
  @RequireRole('passweb')
  accept(@CurrentTenantId() tenantId: string, @Body() body: unknown): Promise<IntakeAnswer> {
    return this.intake.accept(tenantId, body);
  }
}
