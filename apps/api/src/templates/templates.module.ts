import { Module } from '@nestjs/common';
import { AuthModule } from '../../../../libs/auth/src/auth.module.js';
import { TemplatesModule as CatalogModule } from '../../../../libs/templates/src/templates.module.js';
import { TemplatesController } from './templates.controller.js';

@Module({
  imports: [AuthModule, CatalogModule],
  controllers: [TemplatesController],
})
export class TemplatesApiModule {}
