import { Module } from '@nestjs/common';
import { AuthModule } from '#sigillo/auth';
import { ConsentModule } from '#sigillo/consent';
import { ConversationsModule } from '#sigillo/conversations';
import { ErasureModule } from '#sigillo/erasure';
import { LedgerModule } from '#sigillo/ledger';
import { TemplatesModule } from '#sigillo/templates';
import { TenantsModule } from '#sigillo/tenants';
import { LedgerLagModule } from '../ledger-lag/ledger-lag.module.js';
import { ProofsModule } from '../proofs/proofs.module.js';
import { ConsoleAdminController } from './console-admin.controller.js';
import { ConsoleAdminService } from './console-admin.service.js';
import { ConsoleConfigController } from './console-config.controller.js';
import { ConsoleConfigService } from './console-config.service.js';
import { ConsoleContactsController } from './console-contacts.controller.js';
import { ConsoleContactsService } from './console-contacts.service.js';
import { ConsoleHistoryRepository } from './console-history.repository.js';
import { ConsoleMessagesController } from './console-messages.controller.js';
import { ConsoleMessagesRepository } from './console-messages.repository.js';
import { ConsoleMessagesService } from './console-messages.service.js';
import { ConsoleOverviewRepository } from './console-overview.repository.js';
import { ConsoleScope } from './console-scope.js';
import { ConsoleSessionController } from './console-session.controller.js';
import { ConsoleSessionService } from './console-session.service.js';

/** The staff console's JSON under /console/api (issue 16); the page itself is served by console-static.ts. */
@Module({
  imports: [AuthModule, TenantsModule, LedgerModule, ProofsModule, ConsentModule, ConversationsModule, ErasureModule, TemplatesModule, LedgerLagModule],
  controllers: [ConsoleSessionController, ConsoleMessagesController, ConsoleContactsController, ConsoleConfigController, ConsoleAdminController],
  providers: [
    ConsoleScope,
    ConsoleSessionService,
    ConsoleMessagesRepository,
    ConsoleMessagesService,
    ConsoleContactsService,
    ConsoleHistoryRepository,
    ConsoleOverviewRepository,
    ConsoleConfigService,
    ConsoleAdminService,
  ],
})
export class ConsoleModule {}
