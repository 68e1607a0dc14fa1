import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { sql, statement } from '#sigillo/db';
import { ApiConfig, PgPool } from '#sigillo/platform';

const PING = statement('sigillo-health-ping', () => sql`SELECT 1`);

@Injectable()
export class DatabaseIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly pool: PgPool,
    private readonly config: ApiConfig,
  ) {}

  check(key: string) {
    return this.indicators
      .check(key)
      .attempt(async () => void (await PING.run(this.pool, {})))
      .withTimeout(this.config.HEALTH_TIMEOUT_MS);
  }
}
