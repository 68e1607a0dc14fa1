import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ApiKeyGuard, CONSOLE_PERMISSIONS, CurrentPrincipal, RequireRole, StaffRoles, type Principal } from '#sigillo/auth';
import type { ErasureAnswer } from '#sigillo/erasure';
import { ConsoleContactsService, type ConsoleContact } from './console-contacts.service.js';

@ApiExcludeController()
@Controller('console/api/contacts')
@UseGuards(ApiKeyGuard)
export class ConsoleContactsController {
  constructor(private readonly contacts: ConsoleContactsService) {}

  @Get(':identifier')
  @RequireRole('admin', 'auditor')
  @StaffRoles(...CONSOLE_PERMISSIONS.read)
  contact(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown, @Param('identifier') identifier: string): Promise<ConsoleContact> {
    return this.contacts.contact(principal, tenant, identifier);
  }

  @Post(':identifier/consents')
  @HttpCode(201)
  @RequireRole('admin')
  @StaffRoles(...CONSOLE_PERMISSIONS.recordConsent)
  recordConsent(
    @CurrentPrincipal() principal: Principal,
    @Query('tenant') tenant: unknown,
    @Param('identifier') identifier: string,
    @Body() body: unknown,
  ): Promise<{ consentId: string; category: string; state: string; recordedAt: string }> {
    return this.contacts.recordConsent(principal, tenant, identifier, body);
  }

  @Delete(':identifier')
  @HttpCode(200)
  @RequireRole('admin')
  @StaffRoles(...CONSOLE_PERMISSIONS.erase)
  erase(
    @CurrentPrincipal() principal: Principal,
    @Query('tenant') tenant: unknown,
    @Param('identifier') identifier: string,
    @Body() body: unknown,
  ): Promise<ErasureAnswer> {
    return this.contacts.erase(principal, tenant, identifier, body);
  }
}
