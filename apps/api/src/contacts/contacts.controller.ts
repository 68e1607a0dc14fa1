import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, CurrentPrincipal, RequireRole } from '#sigillo/auth';
import type { Principal } from '#sigillo/auth';
import { ContactsService, type ContactView } from '#sigillo/conversations';
import { ApiErrors, KEY_ERRORS } from '../openapi/api-errors.js';
import { ApiKeyAuth } from '../openapi/api-key-auth.js';
import { CONTACT_EXAMPLE, ContactViewSchema } from '../openapi/schemas/contacts.schema.js';
import { ApiWhatsAppUserParam, ApiTenantQuery } from '../openapi/api-params.js';

@ApiTags('contacts')
@Controller('v1/contacts')
@UseGuards(ApiKeyGuard)
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get(':phone')
  @RequireRole('admin', 'auditor')
  @ApiKeyAuth('admin', 'auditor')
  @ApiOperation({ summary: 'One recipient: window, consent, last messages', description: 'A deployment-wide key names the tenant with ?tenantId=.' })
  @ApiWhatsAppUserParam()
  @ApiTenantQuery()
  @ApiResponse({ status: 200, type: ContactViewSchema, example: CONTACT_EXAMPLE })
  @ApiErrors({ status: 400, example: { statusCode: 400, error: 'Bad Request', message: 'phone: is not a valid number for its country' } }, ...KEY_ERRORS, 404)
  contact(@CurrentPrincipal() principal: Principal, @Param('phone') phone: string, @Query('tenantId') tenantId?: string): Promise<ContactView> {
    return this.contacts.contact(principal.tenantId, phone, tenantId);
  }
}
