import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ApiConfig } from '../../../../libs/platform/src/config.js';
import { PgPool } from '../../../../libs/platform/src/pg-pool.service.js';

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
      .attempt(async () => void (await this.pool.query('SELECT 1')))
      .withTimeout(this.config.HEALTH_TIMEOUT_MS);
  }
}
