import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, type HealthCheckResult } from '@nestjs/terminus';
import { HEALTH_DOWN_EXAMPLE, HEALTH_OK_EXAMPLE, HealthResult } from '../openapi/schemas/operators.schema.js';
import { ReadinessService } from './readiness.service.js';

@ApiTags('operators')
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  /** Database, Redis, chain RPC and anchoring lag; 503 naming what failed. */
  @Get()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness: database, Redis, chain RPC, anchoring lag',
    description:
      'Every part checked in parallel, each within HEALTH_TIMEOUT_MS. `anchoring` fails when an entry has waited more than HEALTH_MAX_ANCHOR_AGE_MS for a confirmed anchor (an idle log is healthy). 503 names the failing parts under `error`.',
  })
  @ApiResponse({ status: 200, description: 'All up', type: HealthResult, example: HEALTH_OK_EXAMPLE })
  @ApiResponse({ status: 503, description: 'A part is down; `error` names it', type: HealthResult, example: HEALTH_DOWN_EXAMPLE })
  check(): Promise<HealthCheckResult> {
    return this.readiness.check();
  }

  /** The process is up and serving; dependencies are not checked here. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process serves (no dependency checked)' })
  @ApiResponse({ status: 200, schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } }, example: { status: 'ok' } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
