import { Module } from '@nestjs/common';
import { LedgerSchemasController } from './ledger-schemas.controller.js';

/** The published entry schemas at /v1/ledger/schemas: keyless, static. */
@Module({ controllers: [LedgerSchemasController] })
export class LedgerSchemasModule {}
