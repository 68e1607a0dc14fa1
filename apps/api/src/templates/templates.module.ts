import { Module } from '@nestjs/common';
import { AuthModule } from '#sigillo/auth';
import { TemplatesModule as CatalogModule } from '#sigillo/templates';
import { TemplatesController } from './templates.controller.js';

@Module({
  imports: [AuthModule, CatalogModule],
  controllers: [TemplatesController],
})
export class TemplatesApiModule {}
