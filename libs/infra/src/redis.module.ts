import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis, redisOptions } from './redis';

export const REDIS = Symbol('REDIS');
export const REDIS_URL = Symbol('REDIS_URL');

/** One shared command connection (sequences, health); BullMQ and the adapter open their own. */
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
        { provide: REDIS, useFactory: () => createRedis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, enableAutoPipelining: true }) },
      ],
      exports: [REDIS, REDIS_URL],
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
