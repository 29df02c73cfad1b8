import { DomainError } from '@giliran/core';
import { Controller, Get, Header, Headers, Inject, Injectable, Module, Res, ServiceUnavailableException, SetMetadata } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { collectDefaultMetrics, register } from 'prom-client';
import { APP_CONFIG, type AppConfig } from '@giliran/config';
import { REDIS, stateMarkerKey } from './redis.tokens';

/** Same key as @giliran/auth's @Public(): operations endpoints need no token. */
const Public = () => SetMetadata('isPublic', true);

/**
 * Redis is ready when it answers and holds Giliran's state: one that was emptied under a running
 * API (a FLUSHALL, a failover to an empty replica) answers PING but has lost the schedules and
 * reminders until the Redis-loss watch puts them back, a few seconds later.
 */
@Injectable()
export class RedisHealthIndicator {
  private readonly marker: string;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly indicator: HealthIndicatorService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.marker = stateMarkerKey(config.redisPrefix);
  }

  async isHealthy(key = 'redis') {
    const check = this.indicator.check(key);
    if (this.redis.status !== 'ready') return check.down({ message: `not answering (${this.redis.status})` });
    try {
      const held = await Promise.race([
        this.redis.exists(this.marker),
        new Promise<number>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000)),
      ]);
      return held === 1 ? check.up() : check.down({ message: 'empty: it lost its data; the schedules and reminders are being put back' });
    } catch {
      return check.down({ message: 'not answering' });
    }
  }
}

@ApiExcludeController()
@Public()
@Controller()
export class OperationsController {
  private readonly metricsToken: string | undefined;

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.metricsToken = config.metricsToken;
  }

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /** 200 when the database and Redis answer (and Redis holds Giliran's state); else 503 saying which is not. */
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) res: { status(code: number): unknown }) {
    try {
      return await this.health.check([() => this.db.pingCheck('database', { timeout: 1500 }), () => this.redis.isHealthy()]);
    } catch (err) {
      if (!(err instanceof ServiceUnavailableException)) throw err;
      // What is down and why, in our words: a driver's message could name hosts and ports.
      const result = err.getResponse() as { details?: Record<string, { status: string; message?: string }> };
      const details = Object.fromEntries(
        Object.entries(result.details ?? {}).map(([name, d]) => [
          name,
          d.status === 'up' ? 'up' : name === 'redis' && d.message ? `down: ${d.message}` : 'down: not answering',
        ]),
      );
      const down = Object.entries(details).filter(([, state]) => state !== 'up');
      res.status(503);
      return {
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'SERVICE_UNAVAILABLE',
        message: down.map(([name, state]) => `${name} ${state}`).join('; ') || 'not ready',
        details,
      };
    }
  }

  /** Prometheus text; with METRICS_TOKEN set, only for `Authorization: Bearer <METRICS_TOKEN>`. */
  @Get('metrics')
  @Header('Content-Type', register.contentType)
  metrics(@Headers('authorization') authorization: string | undefined): Promise<string> {
    if (this.metricsToken && !sameSecret(authorization ?? '', `Bearer ${this.metricsToken}`))
      throw new DomainError('UNAUTHORIZED', 401, 'the metrics need their token');
    return register.metrics();
  }
}

let defaultMetricsOn = false;

@Module({
  imports: [TerminusModule],
  controllers: [OperationsController],
  providers: [RedisHealthIndicator],
})
export class OperationsModule {
  constructor() {
    if (!defaultMetricsOn) {
      collectDefaultMetrics({ prefix: 'giliran_' });
      defaultMetricsOn = true;
    }
  }
}

/** Compares secrets in time that does not tell how much of them matched. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
