import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  ApiKeyGuard,
  CONSOLE_PERMISSIONS,
  CurrentPrincipal,
  RequireRole,
  StaffRoles,
  type ApiKeyListing,
  type Principal,
  type StaffAccount,
} from '#sigillo/auth';
import type { PublicTenant } from '#sigillo/tenants';
import { ConsoleAdminService } from './console-admin.service.js';

@ApiExcludeController()
@Controller('console/api')
@UseGuards(ApiKeyGuard)
@RequireRole('admin')
export class ConsoleAdminController {
  constructor(private readonly admin: ConsoleAdminService) {}

  @Get('staff')
  @StaffRoles(...CONSOLE_PERMISSIONS.manageStaff)
  staff(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown): Promise<StaffAccount[]> {
    return this.admin.staffList(principal, tenant);
  }

  @Post('staff')
  @HttpCode(201)
  @StaffRoles(...CONSOLE_PERMISSIONS.manageStaff)
  createStaff(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown, @Body() body: unknown): Promise<StaffAccount> {
    return this.admin.staffCreate(principal, tenant, body);
  }

  @Post('staff/:id/disable')
  @HttpCode(200)
  @StaffRoles(...CONSOLE_PERMISSIONS.manageStaff)
  disableStaff(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown, @Param('id') id: string): Promise<StaffAccount> {
    return this.admin.staffDisable(principal, tenant, id);
  }

  @Get('api-keys')
  @StaffRoles(...CONSOLE_PERMISSIONS.manageApiKeys)
  keys(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown): Promise<ApiKeyListing[]> {
    return this.admin.keyList(principal, tenant);
  }

  @Post('api-keys')
  @HttpCode(201)
  @StaffRoles(...CONSOLE_PERMISSIONS.manageApiKeys)
  createKey(
    @CurrentPrincipal() principal: Principal,
    @Query('tenant') tenant: unknown,
    @Body() body: unknown,
  ): Promise<{ id: string; key: string; role: string; label: string }> {
    return this.admin.keyCreate(principal, tenant, body);
  }

  @Post('api-keys/:id/revoke')
  @HttpCode(200)
  @StaffRoles(...CONSOLE_PERMISSIONS.manageApiKeys)
  revokeKey(@CurrentPrincipal() principal: Principal, @Query('tenant') tenant: unknown, @Param('id') id: string): Promise<{ id: string; revoked: true }> {
    return this.admin.keyRevoke(principal, tenant, id);
  }

  @Get('tenants')
  @StaffRoles('admin', 'support', 'auditor')
  tenants(@CurrentPrincipal() principal: Principal): Promise<PublicTenant[]> {
    return this.admin.tenantList(principal);
  }
}
