import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ApiConfig, RedisService } from '#sigillo/platform';

@Injectable()
export class RedisIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisService,
    private readonly config: ApiConfig,
  ) {}

  check(key: string) {
    return this.indicators
      .check(key)
      .attempt(async () => void (await this.redis.ping()))
      .withTimeout(this.config.HEALTH_TIMEOUT_MS);
  }
}
