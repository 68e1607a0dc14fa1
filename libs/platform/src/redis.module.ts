import { Module } from '@nestjs/common';
import { RedisService } from './redis.service.js';

/** One plain Redis connection (not a queue's) shared by the modules of an app that import this. */
@Module({
  providers: [RedisService],
  exports: [RedisService],
})
export class RedisModule {}
