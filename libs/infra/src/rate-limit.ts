import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { addressKey } from './client-address';
import { CountingThrottlerStorage } from './counting-throttler.storage';
import { RateCounter } from './rate-counter';

/**
 * RATE_LIMIT_PER_MINUTE public writes per client address, counted in Redis across replicas (per
 * process while Redis is down); 0 = off.
 */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  inject: [RateCounter, APP_CONFIG],
  useFactory: (counter: RateCounter, config: AppConfig) => ({
    throttlers: [{ name: 'public-write', ttl: 60_000, limit: Math.max(1, config.rateLimitPerMinute) }],
    storage: new CountingThrottlerStorage(counter),
    skipIf: () => config.rateLimitPerMinute === 0,
    errorMessage: 'too many requests from this address; try again in a minute',
  }),
});

/** Guards the public writes: tickets, bookings, changes to bookings, check-ins. */
@Injectable()
export class PublicWriteThrottle extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return addressKey(String(req.ip ?? (req.socket as { remoteAddress?: string } | undefined)?.remoteAddress ?? 'unknown'));
  }

  /** One budget per address across all public writes, not one per route. */
  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }
}
