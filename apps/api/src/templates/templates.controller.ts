import { Body, Controller, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { actorOf, ApiKeyGuard, CurrentPrincipal, CurrentTenantId, RequireRole, type Principal } from '#sigillo/auth';
import type { Binding } from '#sigillo/templates';
import { CatalogService } from '#sigillo/templates';
import type { Template } from '#sigillo/whatsapp';
import { PASSWEB_EVENT_TYPES } from '#sigillo/passweb';
import { ApiErrors, KEY_ERRORS } from '../openapi/api-errors.js';
import { ApiKeyAuth } from '../openapi/api-key-auth.js';
import { BINDING_BODY_EXAMPLE, BindingBody, BindingSchema, SyncResult, TEMPLATE_EXAMPLE, TemplateSchema } from '../openapi/schemas/templates.schema.js';

@ApiTags('templates')
@Controller('v1')
@UseGuards(ApiKeyGuard)
export class TemplatesController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('templates')
  @RequireRole('admin', 'passweb', 'auditor')
  @ApiKeyAuth('admin', 'passweb', 'auditor')
  @ApiOperation({
    summary: "The tenant's template catalog",
    description: 'As last synced from the provider (at start, periodically, on POST /v1/templates/sync and from template status webhooks).',
  })
  @ApiResponse({ status: 200, type: [TemplateSchema], example: [TEMPLATE_EXAMPLE] })
  @ApiErrors(...KEY_ERRORS, 404)
  templates(@CurrentTenantId() tenantId: string): Promise<Template[]> {
    return this.catalog.listTemplates(tenantId);
  }

  @Post('templates/sync')
  @HttpCode(200)
  @RequireRole('admin')
  @ApiKeyAuth('admin')
  @ApiOperation({ summary: 'Sync the catalog from the provider now', description: "Reads every page of the WABA's message_templates." })
  @ApiResponse({ status: 200, type: SyncResult, example: { templates: 14 } })
  @ApiErrors(...KEY_ERRORS, 404)
  sync(@CurrentTenantId() tenantId: string): Promise<{ templates: number }> {
    return this.catalog.syncTenant(tenantId);
  }

  @Get('bindings')
  @RequireRole('admin', 'passweb', 'auditor')
  @ApiKeyAuth('admin', 'passweb', 'auditor')
  @ApiOperation({ summary: 'Event → template bindings of the tenant' })
  @ApiResponse({ status: 200, type: [BindingSchema], example: [{ eventType: 'order.status_changed', ...BINDING_BODY_EXAMPLE }] })
  @ApiErrors(...KEY_ERRORS, 404)
  bindings(@CurrentTenantId() tenantId: string): Promise<Binding[]> {
    return this.catalog.listBindings(tenantId);
  }

  @Put('bindings/:eventType')
  @RequireRole('admin')
  @ApiKeyAuth('admin')
  @ApiOperation({
    summary: 'Bind an event type to templates',
    description:
      'One template per language, placeholders mapped to at most 5 event variables. Checked against the catalog: 400 for a malformed body, 422 naming each mismatch (a slot not mapped, a variable the event does not carry, a template not in the catalog).',
  })
  @ApiParam({ name: 'eventType', enum: PASSWEB_EVENT_TYPES, example: 'order.status_changed' })
  @ApiBody({
    type: BindingBody,
    examples: { orderStatus: { summary: 'Order updates in two languages, only when shipped or delivered', value: BINDING_BODY_EXAMPLE } },
  })
  @ApiResponse({
    status: 200,
    description: 'The binding as stored',
    type: BindingSchema,
    example: { eventType: 'order.status_changed', ...BINDING_BODY_EXAMPLE },
  })
  @ApiErrors(
    {
      status: 400,
      example: {
        statusCode: 400,
        error: 'Bad Request',
        message: ['templates[0].language: must be a language code like "it" or "en_US"'],
        errors: [{ field: 'templates[0].language', message: 'must be a language code like "it" or "en_US"' }],
      },
    },
    ...KEY_ERRORS,
    413,
    415,
    {
      status: 422,
      example: {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: [
          'variables.body.3: body.3 of order_status_update/it is not mapped',
          'variables.body.4: data variable cartTotal is not available for order.status_changed',
        ],
        errors: [
          { field: 'variables.body.3', message: 'body.3 of order_status_update/it is not mapped' },
          { field: 'variables.body.4', message: 'data variable cartTotal is not available for order.status_changed' },
        ],
      },
    },
  )
  putBinding(
    @CurrentTenantId() tenantId: string,
    @CurrentPrincipal() principal: Principal,
    @Param('eventType') eventType: string,
    @Body() body: unknown,
  ): Promise<Binding> {
    return this.catalog.putBinding(tenantId, eventType, body, actorOf(principal));
  }
}
