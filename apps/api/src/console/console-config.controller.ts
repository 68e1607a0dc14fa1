import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ApiKeyGuard, CONSOLE_PERMISSIONS, CurrentPrincipal, RequireRole, StaffRoles, type Principal } from '#sigillo/auth';
import type { SampleEvent } from '#sigillo/passweb';
import type { Binding, RenderedMessage } from '#sigillo/templates';
import { ConsoleConfigService, type Overview } from './console-config.service.js';
import type { HistoryItem } from './history.js';

@ApiExcludeController()
@Controller('console/api')
@UseGuards(ApiKeyGuard)
@RequireRole('admin', 'auditor')
@StaffRoles(...CONSOLE_PERMISSIONS.read)
export class ConsoleConfigController {
  constructor(private readonly config: ConsoleConfigService) {}

  @Get('templates')
  templates(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown): ReturnType<ConsoleConfigService['templates']> {
    return this.config.templates(principal, tenant);
  }

  @Get('bindings')
  bindings(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown): Promise<Binding[]> {
    return this.config.bindings(principal, tenant);
  }

  @Put('bindings/:eventType')
  @RequireRole('admin')
  @StaffRoles(...CONSOLE_PERMISSIONS.editBindings)
  putBinding(
    @CurrentPrincipal() principal: Principal,
    @Query('tenant') tenant: unknown,
    @Param('eventType') eventType: string,
    @Body() body: unknown,
  ): Promise<Binding> {
    return this.config.putBinding(principal, tenant, eventType, body);
  }

  // A preview writes nothing, but it is a POST: it takes the CSRF token like every other.
  @Post('bindings/:eventType/preview')
  @HttpCode(200)
  preview(
    @CurrentPrincipal() principal: Principal,
    @Query('tenant') tenant: unknown,
    @Param('eventType') eventType: string,
    @Body() body: unknown,
  ): Promise<{ rendered: RenderedMessage; sampleEvent: SampleEvent }> {
    return this.config.preview(principal, tenant, eventType, body);
  }

  @Get('overview')
  overview(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown, @Query('days') days: unknown): Promise<Overview> {
    return this.config.overview(principal, tenant, days);
  }

  @Get('history')
  history(
    @CurrentPrincipal() principal: Principal,
    @Query('tenant') tenant: unknown,
    @Query('cursor') cursor: unknown,
  ): Promise<{ items: HistoryItem[]; nextCursor: string | null }> {
    return this.config.historyPage(principal, tenant, cursor);
  }
}
