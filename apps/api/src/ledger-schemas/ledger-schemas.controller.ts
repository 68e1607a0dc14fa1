import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../openapi/api-errors.js';
import { ledgerSchema, ledgerSchemaIndex } from './ledger-schemas.js';

/**
 * The ledger entry schemas: the public contract of what every entry means, for anyone holding a
 * bundle. They describe, they hold no data: no API key, like the audit page.
 */
@ApiTags('ledger')
@Controller('v1/ledger/schemas')
export class LedgerSchemasController {
  @Get()
  @ApiOperation({
    summary: 'Ledger entry types and versions',
    description:
      'Every entry type and version the log may hold, whether it is about a person, its personal fields, and where its JSON Schema is (docs/ledger-entries.md). No API key needed.',
  })
  @ApiOkResponse({ description: 'The index', example: ledgerSchemaIndex() })
  index() {
    return ledgerSchemaIndex();
  }

  @Get(':type/:version')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({
    summary: 'JSON Schema of one ledger entry type and version',
    description:
      "The JSON Schema (draft 2020-12) of a whole entry (seq, type, occurredAt, recordedAt, body) of that type and version, as in docs/schemas/ledger; `x-personal-data` marks personal fields. A type's meaning never changes: a new meaning is a new version. No API key needed.",
  })
  @ApiParam({ name: 'type', description: 'Entry type name', example: 'message.submitted' })
  @ApiParam({ name: 'version', type: 'integer', description: 'Version', example: 1 })
  @ApiOkResponse({ description: 'The JSON Schema', example: ledgerSchema('message.status', '1') })
  @ApiErrors({ status: 404, example: { statusCode: 404, error: 'Not Found', message: 'no ledger entry schema message.sent version 1' } })
  schema(@Param('type') type: string, @Param('version') version: string) {
    const schema = ledgerSchema(type, version);
    if (!schema) throw new NotFoundException(`no ledger entry schema ${printable(type)} version ${printable(version)}`);
    return schema;
  }
}

function printable(text: string): string {
  const clean = text.replace(/[^\x21-\x7e]/g, '?');
  return clean.length > 60 ? `${clean.slice(0, 60)}…` : clean;
}
