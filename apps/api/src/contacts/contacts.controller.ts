import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiKeyGuard } from '../../../../libs/auth/src/api-key.guard.js';
import type { Principal } from '../../../../libs/auth/src/api-keys.service.js';
import { CurrentPrincipal } from '../../../../libs/auth/src/principal.decorator.js';
import { RequireRole } from '../../../../libs/auth/src/require-role.decorator.js';
import { ContactsService, type ContactView } from '../../../../libs/conversations/src/contacts.service.js';

@Controller('v1/contacts')
@UseGuards(ApiKeyGuard)
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get(':phone')
  @RequireRole('admin', 'auditor')
  contact(@CurrentPrincipal() principal: Principal, @Param('phone') phone: string, @Query('tenantId') tenantId?: string): Promise<ContactView> {
    return this.contacts.contact(principal.tenantId, phone, tenantId);
  }
}
