import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { RateCounter } from './rate-counter';
import { RedisBreaker } from './redis-breaker';
import { createRedis, redisOptions } from './redis';
import { REDIS, REDIS_URL, stateMarkerKey } from './redis.tokens';

export { REDIS, REDIS_URL, stateMarkerKey };

/**
 * One shared command connection (sequences, health, rate limits, staff sessions); BullMQ and the
 * adapter open their own. Its commands are short: one that gets no answer within a couple of
 * second (a Redis that hangs) fails rather than holding a request, and opens the RedisBreaker.
 */
@Global()
@Module({})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  static forRoot(url: string): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        { provide: REDIS_URL, useValue: url },
        // Auto-pipelining: the commands of one turn of the event loop (sequence numbers, emitted
        // events, rate-limit counters of many requests) go out in one write.
        {
          provide: REDIS,
          useFactory: () => createRedis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, enableAutoPipelining: true, commandTimeout: 1000 }),
        },
        RateCounter,
        RedisBreaker,
      ],
      exports: [REDIS, REDIS_URL, RateCounter, RedisBreaker],
    };
  }

  /** For BullMQ, whose workers block and must never give up on a command. */
  static connectionOptions(url: string): ConnectionOptions {
    return redisOptions(url, { maxRetriesPerRequest: null }) as ConnectionOptions;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
