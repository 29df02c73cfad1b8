import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateCounter } from './rate-counter';

/**
 * The throttler's counts in the shared RateCounter: in Redis across replicas, per process while
 * Redis does not answer. A client past the limit stays refused until its window ends.
 */
export class CountingThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly counter: RateCounter) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttlerName: string) {
    const { count, resetInMs } = await this.counter.hit(`throttle:${throttlerName}:${key}`, ttl);
    const seconds = Math.max(1, Math.ceil(resetInMs / 1000));
    return { totalHits: count, timeToExpire: seconds, isBlocked: count > limit, timeToBlockExpire: count > limit ? seconds : 0 };
  }
}
