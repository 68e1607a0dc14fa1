import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ApiKeyGuard, CONSOLE_PERMISSIONS, CurrentPrincipal, RequireRole, StaffRoles, type Principal } from '#sigillo/auth';
import type { StoryBundle } from '#sigillo/ledger';
import { ConsoleMessagesService, type MessageItem, type MessageStory } from './console-messages.service.js';

@ApiExcludeController()
@Controller('console/api/messages')
@UseGuards(ApiKeyGuard)
@RequireRole('admin', 'auditor')
@StaffRoles(...CONSOLE_PERMISSIONS.read)
export class ConsoleMessagesController {
  constructor(private readonly messages: ConsoleMessagesService) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>): Promise<{ items: MessageItem[]; nextCursor: string | null }> {
    return this.messages.list(principal, query);
  }

  @Get(':notificationId')
  story(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown, @Param('notificationId') id: string): Promise<MessageStory> {
    return this.messages.story(principal, tenant, id);
  }

  @Get(':notificationId/proof')
  proof(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown, @Param('notificationId') id: string): Promise<StoryBundle> {
    return this.messages.proof(principal, tenant, id);
  }
}
