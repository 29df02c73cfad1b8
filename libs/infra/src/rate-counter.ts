import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Counter, register } from 'prom-client';
import { RedisBreaker } from './redis-breaker';
import { REDIS } from './redis.tokens';

export interface RateCount {
  /** Hits in the current window, this one included. */
  count: number;
  /** Until the window ends. */
  resetInMs: number;
}

// One round trip: count, start the window on the first hit, say when it ends.
const HIT = `
local n = redis.call('INCRBY', KEYS[1], ARGV[2])
if n == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}
`;

/** `giliran_rate_limit_local_total`: hits counted in one process because Redis did not answer. */
function localHitsMetric(): Counter {
  const name = 'giliran_rate_limit_local_total';
  return (
    (register.getSingleMetric(name) as Counter | undefined) ??
    new Counter({ name, help: 'Rate-limit hits counted per process because Redis did not answer (limits are then per replica)' })
  );
}

/**
 * Hits per key in fixed windows, counted in Redis so that every replica counts a client together.
 * While Redis does not answer, each process counts on its own (the limits then hold per replica)
 * and says so once in the log and in `giliran_rate_limit_local_total`: a kiosk's ticket must not
 * fail because the limiter's store is gone.
 */
@Injectable()
export class RateCounter {
  private readonly logger = new Logger('RateCounter');
  private readonly local = new Map<string, { count: number; resetAt: number }>();
  private readonly localHits = localHitsMetric();
  private degraded = false;
  private sweptAt = 0;
  private readonly prefix: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly breaker: RedisBreaker,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redisPrefix}rate:`;
  }

  async hit(key: string, windowMs: number, by = 1, now = Date.now()): Promise<RateCount> {
    if (this.usable(now)) {
      try {
        const [count, ttl] = (await this.redis.eval(HIT, 1, this.prefix + key, windowMs, by)) as [number, number];
        this.recovered();
        return { count, resetInMs: ttl };
      } catch (err) {
        this.degrade(err as Error);
      }
    } else {
      this.degrade();
    }
    this.localHits.inc();
    return this.hitLocally(key, windowMs, by, now);
  }

  /** The count so far, without a hit. */
  async peek(key: string, now = Date.now()): Promise<RateCount> {
    if (this.usable(now)) {
      try {
        const [count, ttl] = (await this.redis
          .multi()
          .get(this.prefix + key)
          .pttl(this.prefix + key)
          .exec()) as [[null, string | null], [null, number]];
        return { count: Number(count[1] ?? 0), resetInMs: Math.max(0, ttl[1]) };
      } catch (err) {
        this.degrade(err as Error);
      }
    }
    const entry = this.local.get(key);
    return entry && entry.resetAt > now ? { count: entry.count, resetInMs: entry.resetAt - now } : { count: 0, resetInMs: 0 };
  }

  async reset(key: string): Promise<void> {
    this.local.delete(key);
    if (this.redis.status === 'ready') await this.redis.del(this.prefix + key).catch(() => undefined);
  }

  private hitLocally(key: string, windowMs: number, by: number, now: number): RateCount {
    // Expired entries are swept at most once a second, not on every hit of a big map.
    if (this.local.size > 100_000 && now - this.sweptAt > 1000) {
      this.sweptAt = now;
      for (const [k, e] of this.local) if (e.resetAt <= now) this.local.delete(k);
    }
    let entry = this.local.get(key);
    if (!entry || entry.resetAt <= now) this.local.set(key, (entry = { count: 0, resetAt: now + windowMs }));
    entry.count += by;
    return { count: entry.count, resetInMs: entry.resetAt - now };
  }

  private usable(now: number): boolean {
    return this.redis.status === 'ready' && this.breaker.closed(now);
  }

  private degrade(err?: Error): void {
    if (err) this.breaker.trip(err.message);
    if (this.degraded) return;
    this.degraded = true;
    this.logger.warn(`Redis does not answer${err ? ` (${err.message})` : ''}: rate limits are counted in this process alone until it does`);
  }

  private recovered(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.local.clear();
    this.logger.log('Redis answers again: rate limits are counted across replicas again');
  }
}
