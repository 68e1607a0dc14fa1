import { Module } from '@nestjs/common';
import { AuditPageController } from './audit-page.controller.js';

/** The auditor's web page at /audit: static, keyless, verifies bundles in the browser. */
@Module({ controllers: [AuditPageController] })
export class AuditPageModule {}
