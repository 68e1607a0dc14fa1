import { Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard.js';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { StaffAccountsService } from './staff-accounts.service.js';
import { StaffSessionsService } from './staff-sessions.service.js';
import { StaffRepository } from './staff.repository.js';

@Module({
  providers: [ApiKeyRepository, ApiKeysService, ApiKeyGuard, StaffRepository, StaffSessionsService, StaffAccountsService],
  exports: [ApiKeysService, ApiKeyGuard, StaffSessionsService, StaffAccountsService],
})
export class AuthModule {}
