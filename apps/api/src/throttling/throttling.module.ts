import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ApiConfig, RedisModule } from '#sigillo/platform';
import { ApiKeyThrottlerGuard } from './api-key-throttler.guard.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

// ThrottlerModule.forRootAsync can only inject what its own imports export.
@Module({
  imports: [RedisModule],
  providers: [RedisThrottlerStorage],
  exports: [RedisThrottlerStorage],
})
class RateLimitStoreModule {}

/** RATE_LIMIT_PER_MINUTE per API key on every Nest route; 429 with Retry-After above it. */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStoreModule],
      inject: [ApiConfig, RedisThrottlerStorage],
      useFactory: (config: ApiConfig, storage: RedisThrottlerStorage) => ({
        throttlers: [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
        storage,
        errorMessage: `rate limit exceeded: at most ${config.RATE_LIMIT_PER_MINUTE} requests per minute per API key`,
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ApiKeyThrottlerGuard }],
})
export class ThrottlingModule {}
