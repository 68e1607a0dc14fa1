import { Module } from '@nestjs/common';
import { ConsentModule } from '#sigillo/consent';
import { TenantsModule } from '#sigillo/tenants';
import { ContactsService } from './contacts.service.js';
import { IdentityRepository } from './identity.repository.js';
import { InboundRepository } from './inbound.repository.js';

@Module({
  imports: [ConsentModule, TenantsModule],
  providers: [InboundRepository, IdentityRepository, ContactsService],
  exports: [InboundRepository, IdentityRepository, ContactsService],
})
export class ConversationsModule {}
