import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { REDIS, RedisBreaker } from '@giliran/infra';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { StaffRepository } from './staff.repository';

/** Sets the cached state unless a higher one is there (a change never undoes a later one). */
const RAISE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '-2')
if current < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2]) end
return 1
`;

/** A cached state lives this long: the bound on staleness should a change fail to reach Redis. */
const CACHE_SECONDS = 60;
/** The state of a staff member who does not exist: no token matches it. */
const GONE = -1;

/**
 * A staff member's session state as one number that only grows: their version, doubled, plus one
 * while they are not active. Every change that ends sessions bumps the version, so a later change
 * always has the higher state, and an active member's tokens of version v match exactly 2v.
 */
const stateOf = (row: { sessionVersion: number; active: boolean } | null): number => (row ? row.sessionVersion * 2 + (row.active ? 0 : 1) : GONE);

/**
 * Whether a staff token's session still stands. Every token carries the session version of its
 * staff member at issue; a logout, a deactivation, a new password, or a change of role or office
 * bumps the version in the database, which ends every earlier token at its next request, on every
 * replica. The current state is read through Redis (one auto-pipelined GET per staff request);
 * the database answers on a miss, and alone while Redis is down.
 *
 * A change writes the database first, then raises the cached state to the database's (never
 * lowering it: two changes at once cannot put back the older), trying again until Redis takes it;
 * a reader that missed only fills the cache with SET NX.
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
    return typeof version === 'number' && Number.isInteger(version) && version >= 0 && version * 2 === (await this.currentState(staffId));
  }

  /** Ends every session of a staff member: their next request with any earlier token is a 401. */
  async endAll(staffId: string): Promise<void> {
    await this.staff.bumpSessionVersion(staffId);
    await this.publish(staffId);
  }

  /** After a change already written with its bumped version (see StaffRepository.update). */
  async changed(staffId: string): Promise<void> {
    await this.publish(staffId);
  }

  private async currentState(staffId: string): Promise<number> {
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
    const state = stateOf(await this.staff.sessionState(staffId));
    if (this.redis.status === 'ready' && this.breaker.closed()) await this.redis.set(key, String(state), 'EX', CACHE_SECONDS, 'NX').catch(() => undefined);
    return state;
  }

  private async publish(staffId: string, attempt = 0): Promise<void> {
    try {
      const state = stateOf(await this.staff.sessionState(staffId));
      await this.redis.eval(RAISE, 1, this.prefix + staffId, state, CACHE_SECONDS);
    } catch (err) {
      if (attempt === 0) this.logger.warn(`could not publish the ended sessions of staff ${staffId} to Redis (${(err as Error).message}); trying again`);
      if (attempt < CACHE_SECONDS / 2) setTimeout(() => void this.publish(staffId, attempt + 1), 2000).unref();
    }
  }
}
