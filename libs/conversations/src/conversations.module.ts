import { Module } from '@nestjs/common';
import { ConsentModule } from '../../consent/src/consent.module.js';
import { TenantsModule } from '../../tenants/src/tenants.module.js';
import { ContactsService } from './contacts.service.js';
import { IdentityRepository } from './identity.repository.js';
import { InboundRepository } from './inbound.repository.js';

@Module({
  imports: [ConsentModule, TenantsModule],
  providers: [InboundRepository, IdentityRepository, ContactsService],
  exports: [InboundRepository, IdentityRepository, ContactsService],
})
export class ConversationsModule {}
