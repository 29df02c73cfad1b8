import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { REDIS, RedisBreaker } from '@giliran/infra';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { StaffRepository } from './staff.repository';

/** A cached version lives this long: the bound on staleness should a change fail to reach Redis. */
const CACHE_SECONDS = 60;
/** The version of a staff member who is gone: no token matches it. */
const GONE = -1;

/**
 * Whether a staff token's session still stands. Every token carries the session version of its
 * staff member at issue; a logout, a deactivation, a new password, or a change of role or office
 * bumps the version in the database, which ends every earlier token at its next request, on every
 * replica. The current version is read through Redis (one auto-pipelined GET per staff request);
 * the database answers on a miss, and alone while Redis is down.
 *
 * A change writes the database first, then SETs the new version; a reader that missed only
 * fills the cache with SET NX, so it can never put back a version older than a change's.
 */
@Injectable()
export class StaffSessions {
  private readonly logger = new Logger('StaffSessions');
  private readonly prefix: string;

  constructor(
    private readonly staff: StaffRepository,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly breaker: RedisBreaker,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.prefix = `${config.redisPrefix}staff-session:`;
  }

  async isCurrent(staffId: string, version: unknown): Promise<boolean> {
    return typeof version === 'number' && version >= 0 && version === (await this.currentVersion(staffId));
  }

  /** Ends every session of a staff member: their next request with any earlier token is a 401. */
  async endAll(staffId: string): Promise<number> {
    const version = await this.staff.bumpSessionVersion(staffId);
    await this.publish(staffId, version ?? GONE);
    return version ?? GONE;
  }

  /** After a change already written with its bumped version (see StaffRepository.save). */
  async changed(staffId: string, version: number): Promise<void> {
    await this.publish(staffId, version);
  }

  private async currentVersion(staffId: string): Promise<number> {
    const key = this.prefix + staffId;
    if (this.redis.status === 'ready' && this.breaker.closed()) {
      try {
        const cached = await this.redis.get(key);
        if (cached !== null) return Number(cached);
      } catch (err) {
        // Redis gone mid-request: the database decides, as it would on a miss.
        this.breaker.trip((err as Error).message);
      }
    }
    const version = (await this.staff.sessionVersion(staffId)) ?? GONE;
    if (this.redis.status === 'ready' && this.breaker.closed()) await this.redis.set(key, String(version), 'EX', CACHE_SECONDS, 'NX').catch(() => undefined);
    return version;
  }

  private async publish(staffId: string, version: number): Promise<void> {
    try {
      await this.redis.set(this.prefix + staffId, String(version), 'EX', CACHE_SECONDS);
    } catch (err) {
      // The database holds the new version; a cached older one lasts at most CACHE_SECONDS.
      this.logger.warn(`could not publish the ended sessions of staff ${staffId} to Redis: ${(err as Error).message}`);
    }
  }
}
