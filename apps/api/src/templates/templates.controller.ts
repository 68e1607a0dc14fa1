import { Body, Controller, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../../../../libs/auth/src/api-key.guard.js';
import { CurrentTenantId } from '../../../../libs/auth/src/principal.decorator.js';
import { RequireRole } from '../../../../libs/auth/src/require-role.decorator.js';
import type { Binding } from '../../../../libs/templates/src/binding.js';
import { CatalogService } from '../../../../libs/templates/src/catalog.service.js';
import type { Template } from '../../../../libs/templates/src/template.js';

@Controller('v1')
@UseGuards(ApiKeyGuard)
export class TemplatesController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('templates')
  @RequireRole('admin', 'passweb', 'auditor')
  templates(@CurrentTenantId() tenantId: string): Promise<Template[]> {
    return this.catalog.listTemplates(tenantId);
  }

  @Post('templates/sync')
  @HttpCode(200)
  @RequireRole('admin')
  sync(@CurrentTenantId() tenantId: string): Promise<{ templates: number }> {
    return this.catalog.syncTenant(tenantId);
  }

  @Get('bindings')
  @RequireRole('admin', 'passweb', 'auditor')
  bindings(@CurrentTenantId() tenantId: string): Promise<Binding[]> {
    return this.catalog.listBindings(tenantId);
  }

  @Put('bindings/:eventType')
  @RequireRole('admin')
  putBinding(@CurrentTenantId() tenantId: string, @Param('eventType') eventType: string, @Body() body: unknown): Promise<Binding> {
    return this.catalog.putBinding(tenantId, eventType, body);
  }
}
